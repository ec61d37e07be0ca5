package dev.coffer.cli;

import dev.coffer.secretenv.DotEnvFile;
import dev.coffer.secretenv.EnvNames;
import dev.coffer.secretenv.PrivateFiles;
import io.fabric8.kubernetes.api.model.Secret;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Secrets outside Kubernetes: fetches and shapes the ExternalSecrets exactly as {@code render}
 * does, then starts a command with every key as an environment variable and passes on its exit
 * code (nothing is written to disk), or writes a dotenv file ({@code --env-file}) or one file
 * per key ({@code --files}), each readable by the owner only.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a command with the Secrets of the given ExternalSecrets as environment variables "
                + "(or write them to an env file or to files): run -f store.yaml -f es.yaml -- COMMAND ARGS...")
public final class RunCommand implements Callable<Integer> {

    /** What a shell answers when a command cannot be started. */
    static final int CANNOT_START = 127;

    @Option(names = {"-f", "--filename"}, required = true, description = "Manifest files or folders (YAML or JSON, multi-document).")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-n", "--namespace"}, defaultValue = "default",
            description = "Namespace for objects that name none (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--env-file", description = "Write KEY=value lines to this file (mode 0600), quoted as docker compose reads them.")
    Path envFile;

    @Option(names = "--files", description = "Write one file per key into this folder (files 0600, folder 0700).")
    Path filesDir;

    @Option(names = "--env-prefix", defaultValue = "", description = "Put this in front of every variable name.")
    String envPrefix;

    @Option(names = "--convert-keys", description = "Map keys that are not variable names: other characters to _, upper case (db-password -> DB_PASSWORD).")
    boolean convertKeys;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The command and its arguments, after --.")
    List<String> command = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (command.isEmpty() && envFile == null && filesDir == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give a command after --, or --env-file or --files");
        }
        Map<String, byte[]> keys = keys(new SecretRenderer().render(files, namespace));
        if (filesDir != null) {
            PrivateFiles.writeAll(filesDir, keys);
        }
        if (envFile == null && command.isEmpty()) {
            return 0;
        }
        Map<String, String> env = EnvNames.map(text(keys), envPrefix, convertKeys);
        if (envFile != null) {
            PrivateFiles.write(envFile, DotEnvFile.format(env).getBytes(StandardCharsets.UTF_8));
        }
        return command.isEmpty() ? 0 : runChild(env);
    }

    private int runChild(Map<String, String> env) throws InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().putAll(env);
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            spec.commandLine().getErr().println("coffer: cannot start " + command.get(0) + ": " + UserMessages.of(e));
            spec.commandLine().getErr().flush();
            return CANNOT_START;
        }
        // Ctrl-C reaches the child through the terminal; if Coffer alone is stopped, the child goes too.
        Thread stopChild = new Thread(child::destroy);
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            return child.waitFor();
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopChild);
        }
    }

    /** Every key of every Secret; a key in two Secrets must have one value. */
    private static Map<String, byte[]> keys(List<Secret> secrets) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Map<String, String> source = new LinkedHashMap<>();
        for (Secret s : secrets) {
            String name = s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
            if (s.getData() == null) {
                continue;
            }
            s.getData().forEach((k, b64) -> {
                byte[] value = Base64.getDecoder().decode(b64);
                byte[] earlier = out.putIfAbsent(k, value);
                if (earlier != null && !Arrays.equals(earlier, value)) {
                    throw new IllegalArgumentException("key \"" + k + "\" has different values in Secrets " + source.get(k) + " and " + name);
                }
                source.putIfAbsent(k, name);
            });
        }
        return out;
    }

    /** Values as text: environment variables cannot carry NUL bytes or bytes that are not UTF-8. */
    private static Map<String, String> text(Map<String, byte[]> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        keys.forEach((k, v) -> {
            try {
                String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(v)).toString();
                if (s.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("key \"" + k + "\" holds a NUL byte, which an environment variable cannot carry; use --files");
                }
                out.put(k, s);
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("key \"" + k + "\" is not UTF-8 text, which an environment variable needs; use --files");
            }
        });
        return out;
    }
}
