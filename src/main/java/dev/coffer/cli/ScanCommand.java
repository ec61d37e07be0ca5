package dev.coffer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.coffer.scan.AllowList;
import dev.coffer.scan.Finding;
import dev.coffer.scan.ManifestScan;
import dev.coffer.scan.SeenResource;
import dev.coffer.scan.ValueRules;
import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.kubeseal.Certificates;
import dev.coffer.sealing.kubeseal.Kubeseal;
import dev.coffer.sealing.kubeseal.TargetNamespace;
import dev.coffer.secretenv.PrivateFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Keeps plaintext secrets out of GitOps repositories: reports Secrets with data and values that
 * look like credentials (file, line, kind/name, key, rule; never the value) and exits 1 when it
 * finds any, so it works as a pre-commit hook or a CI step. {@code --seal --cert} seals each
 * plaintext Secret through the {@code seal} code, beside the file or ({@code --in-place}) in it.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Find plaintext secrets in YAML/JSON manifests (exit 1 on findings); optionally seal them.")
public final class ScanCommand implements Callable<Integer> {

    /** The exit code when something was found. */
    static final int FOUND = 1;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to scan.")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--allow", description = "Allow-list file: lines of FILE-GLOB KEY (KEY may be *).")
    Path allowFile;

    @Option(names = "--entropy", defaultValue = "" + ValueRules.DEFAULT_ENTROPY,
            description = "Bits per character from which a long token counts as random (default: ${DEFAULT-VALUE}).")
    double entropy;

    @Option(names = "--seal", description = "Seal each plaintext Secret into a SealedSecret (needs --cert).")
    boolean seal;

    @Option(names = "--cert", description = "Certificate (file or URL) to seal with.")
    String cert;

    @Option(names = "--in-place", description = "With --seal: replace the Secret in its file instead of writing FILE.sealed.yaml beside it.")
    boolean inPlace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, SealingException {
        if (!output.equals("text") && !output.equals("json")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-o must be text or json, not " + output);
        }
        if (seal && cert == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seal needs --cert FILE");
        }
        if (inPlace && !seal) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--in-place goes with --seal");
        }
        AllowList allow = allowFile == null ? AllowList.none() : AllowList.read(allowFile);
        ManifestScan.Report report = new ManifestScan(entropy).scan(paths);
        List<Finding> findings = report.findings().stream().filter(f -> !allow.allows(f)).toList();
        List<String> sealed = seal ? seal(report, findings) : List.of();
        List<Finding> open = findings.stream()
                .filter(f -> !(inPlace && sealed.contains(f.file() + "\u0000" + f.name()) && f.rule().equals("plaintext-secret")))
                .toList();
        PrintWriter out = spec.commandLine().getOut();
        if (output.equals("json")) {
            out.println(json(open, report.seen(), sealed.size(), report.unreadable()));
        } else {
            text(out, open, report, sealed.size());
        }
        out.flush();
        return open.isEmpty() ? 0 : FOUND;
    }

    /** Seals every plaintext Secret with an open finding; returns "file NUL name" of each sealed one. */
    private List<String> seal(ManifestScan.Report report, List<Finding> findings) throws IOException, SealingException {
        RSAPublicKey key = Certificates.sealingKey(Certificates.fetch(cert), cert, Instant.now());
        Map<Path, Map<Integer, String>> byFile = new LinkedHashMap<>();
        List<String> sealed = new ArrayList<>();
        for (ManifestScan.PlainSecret s : report.plainSecrets()) {
            boolean open = findings.stream().anyMatch(f -> f.file().equals(s.file().toString()) && f.rule().equals("plaintext-secret")
                    && Objects.equals(f.name(), s.name()));
            if (!open) {
                continue;
            }
            String sealedYaml = Kubeseal.seal(s.text(), key, null, new TargetNamespace(TargetNamespace.FALLBACK, false), false, true);
            if (!sealedYaml.endsWith("\n")) {
                sealedYaml += "\n";
            }
            byFile.computeIfAbsent(s.file(), k -> new LinkedHashMap<>()).put(s.document(), sealedYaml);
            sealed.add(s.file() + "\u0000" + s.name());
        }
        for (Map.Entry<Path, Map<Integer, String>> e : byFile.entrySet()) {
            if (inPlace) {
                PrivateFiles.write(e.getKey(), ManifestScan.replaceDocuments(Files.readString(e.getKey()), e.getValue()).getBytes(StandardCharsets.UTF_8));
            } else {
                String name = e.getKey().getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
                Path beside = e.getKey().resolveSibling(name + ".sealed.yaml");
                Files.writeString(beside, String.join("---\n", e.getValue().values()));
            }
        }
        return sealed;
    }

    private static void text(PrintWriter out, List<Finding> open, ManifestScan.Report report, int sealed) {
        for (Finding f : open) {
            out.println(f.file() + ":" + f.line() + ": " + f.kind() + "/" + (f.name() == null ? "?" : f.name()) + " " + f.key() + ": " + f.rule());
        }
        for (SeenResource s : report.seen()) {
            out.println(s.file() + ":" + s.line() + ": " + s.kind() + "/" + s.name() + ": fine");
        }
        for (String u : report.unreadable()) {
            out.println(u);
        }
        out.println(open.size() + " finding(s), " + report.seen().size() + " ExternalSecret/SealedSecret(s) fine"
                + (sealed > 0 ? ", " + sealed + " Secret(s) sealed" : ""));
    }

    private static String json(List<Finding> open, List<SeenResource> seen, int sealed, List<String> unreadable) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("findings", open);
        doc.put("fine", seen);
        doc.put("sealed", sealed);
        doc.put("unreadable", unreadable);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
    }
}
