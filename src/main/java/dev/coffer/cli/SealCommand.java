package dev.coffer.cli;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.SealedSecretSealer;
import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.kubeseal.Certificates;
import dev.coffer.sealing.kubeseal.ControllerClient;
import dev.coffer.sealing.kubeseal.Documents;
import dev.coffer.sealing.kubeseal.IoMessages;
import dev.coffer.sealing.kubeseal.Kubeseal;
import dev.coffer.sealing.kubeseal.RecoveryKeys;
import dev.coffer.sealing.kubeseal.TargetNamespace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code coffer seal}: kubeseal's command line, its flags and its {@code SEALED_SECRETS_*}
 * environment. Offline unless it needs the controller (--fetch-cert, no --cert, --validate, --re-encrypt).
 */
@Command(name = "seal", mixinStandardHelpOptions = true,
        description = "Seal Secrets into SealedSecrets (kubeseal-compatible). Reads stdin or --secret-file. "
                + "Every flag can also be set as SEALED_SECRETS_<FLAG> (e.g. SEALED_SECRETS_CONTROLLER_NAMESPACE).")
public final class SealCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    KubectlFlags kube;

    @Option(names = "--cert", paramLabel = "FILE|URL", description = "Certificate to seal with (file or http(s) URL); default: fetched from the controller.")
    String cert;
    @Option(names = "--fetch-cert", description = "Print the controller's certificate and exit.")
    boolean fetchCert;
    @Option(names = "--controller-name", defaultValue = "sealed-secrets-controller", description = "Name of the controller's Service (default: ${DEFAULT-VALUE}).")
    String controllerName;
    @Option(names = "--controller-namespace", defaultValue = "kube-system", description = "Namespace of the controller's Service (default: ${DEFAULT-VALUE}).")
    String controllerNamespace;
    @Option(names = "--scope", paramLabel = "SCOPE", description = "strict, namespace-wide or cluster-wide (default: the Secret's annotations, else strict).")
    String scope;
    @Option(names = {"-o", "--format"}, defaultValue = "json", paramLabel = "json|yaml", description = "Output format (default: ${DEFAULT-VALUE}; yaml when -w names a .yaml/.yml file).")
    String format;
    @Option(names = "--raw", description = "Seal one value (--from-file, else stdin) and print it alone.")
    boolean raw;
    @Option(names = "--name", description = "Name of the Secret (--raw with strict scope).")
    String name;
    @Option(names = "--from-file", split = ",", paramLabel = "[KEY=]FILE", description = "The value to seal (--raw; one).")
    List<String> fromFiles = new ArrayList<>();
    @Option(names = {"-f", "--secret-file"}, paramLabel = "FILE", description = "Read input from FILE instead of stdin.")
    Path inputFile;
    @Option(names = {"-w", "--sealed-secret-file"}, paramLabel = "FILE", description = "Write output to FILE instead of stdout (only when all went well).")
    Path outputFile;
    @Option(names = "--merge-into", paramLabel = "FILE", description = "Seal the Secret's values into this SealedSecret file, in place.")
    Path mergeInto;
    @Option(names = {"--re-encrypt", "--rotate"}, description = "Re-seal SealedSecrets with the controller's newest key (--rotate: deprecated name).")
    boolean reEncrypt;
    @Option(names = "--validate", description = "Ask the controller whether the SealedSecrets unseal.")
    boolean validate;
    @Option(names = "--recovery-unseal", description = "Unseal SealedSecrets offline with --recovery-private-key and print the Secrets.")
    boolean recoveryUnseal;
    @Option(names = "--recovery-private-key", split = ",", paramLabel = "FILE", description = "Private keys (PEM, or key Secrets as YAML/JSON), comma-separated or repeated.")
    List<String> recoveryPrivateKeys = new ArrayList<>();
    @Option(names = "--allow-empty-data", description = "Seal a Secret that has no data.")
    boolean allowEmptyData;

    /** Where input comes from when no --secret-file is given; tests replace it. */
    InputStream stdin = System.in;

    @Override
    public Integer call() throws Exception {
        checkUsage();
        if (reEncrypt && outputFile == null && inputFile != null) {
            outputFile = inputFile; // kubeseal re-encrypts a file in place
        }
        if (fetchCert) {
            emit(cert != null ? new String(Certificates.fetch(cert), StandardCharsets.US_ASCII) : withController(ControllerClient::cert));
        } else if (recoveryUnseal) {
            emit(Kubeseal.recoveryUnseal(input(), RecoveryKeys.load(recoveryPrivateKeys), yaml()));
        } else if (validate) {
            validateAll();
        } else if (reEncrypt) {
            reEncryptAll();
        } else if (raw) {
            sealRaw();
        } else if (mergeInto != null) {
            String target = readFile(mergeInto, "--merge-into file");
            writeAtomically(mergeInto, Kubeseal.mergeInto(target, input(), sealingKey()));
        } else {
            emit(Kubeseal.seal(input(), sealingKey(), scope == null ? null : Scope.fromFlag(scope),
                    kube.namespace(), allowEmptyData, yaml()));
        }
        return 0;
    }

    private void checkUsage() {
        if (!"json".equalsIgnoreCase(format) && !"yaml".equalsIgnoreCase(format)) {
            throw usage("--format must be json or yaml, not '" + format + "'");
        }
        if (scope != null) {
            try {
                Scope.fromFlag(scope);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        long modes = java.util.stream.Stream.of(fetchCert, recoveryUnseal, validate, reEncrypt, raw, mergeInto != null)
                .filter(b -> b).count();
        if (modes > 1) {
            throw usage("choose one of --fetch-cert, --recovery-unseal, --validate, --re-encrypt, --raw, --merge-into");
        }
        if (recoveryUnseal && recoveryPrivateKeys.isEmpty()) {
            throw usage("--recovery-unseal needs --recovery-private-key");
        }
        if (!fromFiles.isEmpty() && !raw) {
            throw usage("--from-file requires --raw");
        }
        if (raw && fromFiles.size() > 1) {
            throw usage("must provide only one --from-file when encrypting a single item with --raw");
        }
    }

    /** kubeseal --raw: the namespace from the flag or context, the name required by strict scope, the value from --from-file or stdin. */
    private void sealRaw() throws Exception {
        Scope rawScope = scope == null ? Scope.STRICT : Scope.fromFlag(scope);
        String ns = null;
        if (rawScope != Scope.CLUSTER_WIDE) {
            TargetNamespace target = kube.namespace();
            ns = target.name();
            if (ns.isEmpty()) {
                throw usage("must provide the --namespace flag with --raw and --scope " + rawScope.flag());
            }
            if (rawScope == Scope.STRICT && (name == null || name.isEmpty())) {
                throw usage("must provide the --name flag with --raw and --scope " + rawScope.flag());
            }
        }
        byte[] value;
        if (fromFiles.isEmpty()) {
            value = stdin.readAllBytes();
        } else {
            String spec = fromFiles.get(0);
            Path file = Path.of(spec.contains("=") ? spec.substring(spec.indexOf('=') + 1) : spec);
            try {
                value = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new SealingException(IoMessages.of("--from-file", file.toString(), e));
            }
        }
        emit(new SealedSecretSealer(sealingKey(), new SecureRandom()).sealValue(rawScope, ns, name, value));
    }

    private void validateAll() throws Exception {
        try (ControllerClient controller = controller()) {
            for (SealedSecret sealed : Kubeseal.sealedSecrets(input())) {
                String problem = controller.verify(Documents.write(sealed, false));
                if (problem != null) {
                    throw new SealingException("unable to decrypt SealedSecret \"" + sealed.getMetadata().getName()
                            + "\": " + problem);
                }
            }
        }
    }

    private void reEncryptAll() throws Exception {
        List<Object> rotated = new ArrayList<>();
        String text = input();
        try (ControllerClient controller = controller()) {
            for (SealedSecret sealed : Kubeseal.sealedSecrets(text)) {
                try {
                    rotated.add(Documents.readOne(controller.rotate(Documents.write(sealed, false)), "controller answer",
                            SealedSecret.class));
                } catch (IOException e) {
                    throw new SealingException("the controller's answer is not a SealedSecret");
                }
            }
        }
        emit(Kubeseal.write(rotated, yaml()));
    }

    private RSAPublicKey sealingKey() throws Exception {
        if (cert != null) {
            return Certificates.sealingKey(Certificates.fetch(cert), cert, Instant.now());
        }
        return Certificates.sealingKey(withController(ControllerClient::cert).getBytes(StandardCharsets.US_ASCII),
                "controller certificate", Instant.now());
    }

    private interface ControllerCall {
        String call(ControllerClient controller) throws SealingException;
    }

    private String withController(ControllerCall call) throws SealingException {
        try (ControllerClient controller = controller()) {
            return call.call(controller);
        }
    }

    private ControllerClient controller() throws SealingException {
        return new ControllerClient(kube.clientConfig(), controllerNamespace, controllerName);
    }

    /** YAML when asked, or (as kubeseal) whenever the output file is named .yaml or .yml. */
    private boolean yaml() {
        if (outputFile != null) {
            String file = outputFile.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (file.endsWith(".yaml") || file.endsWith(".yml")) {
                return true;
            }
        }
        return "yaml".equalsIgnoreCase(format);
    }

    private String input() throws IOException, SealingException {
        return inputFile != null ? readFile(inputFile, "input file")
                : new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String readFile(Path file, String what) throws SealingException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new SealingException(IoMessages.of(what, file.toString(), e));
        }
    }

    private void emit(String text) throws SealingException {
        if (outputFile != null) {
            writeAtomically(outputFile, text);
        } else {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
    }

    /** Replaces the file only once the whole output is there, so a failure never leaves half a file. */
    private static void writeAtomically(Path file, String text) throws SealingException {
        Path target = file.toAbsolutePath();
        try {
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(temp, text);
                Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new SealingException(IoMessages.of("output file", file.toString(), e));
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
