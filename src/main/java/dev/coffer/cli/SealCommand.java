package dev.coffer.cli;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.SealedSecretSealer;
import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.kubeseal.Certificates;
import dev.coffer.sealing.kubeseal.ControllerClient;
import dev.coffer.sealing.kubeseal.Documents;
import dev.coffer.sealing.kubeseal.Kubeseal;
import dev.coffer.sealing.kubeseal.RecoveryKeys;
import picocli.CommandLine.Command;
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

/** {@code coffer seal}: kubeseal's command line. Offline unless it needs the controller (--fetch-cert, no --cert, --validate, --re-encrypt). */
@Command(name = "seal", mixinStandardHelpOptions = true,
        description = "Seal Secrets into SealedSecrets (kubeseal-compatible). Reads stdin or --secret-file.")
public final class SealCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--cert", paramLabel = "FILE|URL", description = "Certificate to seal with (file or http(s) URL); default: fetched from the controller.")
    String cert;
    @Option(names = "--fetch-cert", description = "Print the controller's certificate and exit.")
    boolean fetchCert;
    @Option(names = "--controller-name", defaultValue = "${env:SEALED_SECRETS_CONTROLLER_NAME:-sealed-secrets-controller}", description = "Name of the controller's Service (default: ${DEFAULT-VALUE}).")
    String controllerName;
    @Option(names = "--controller-namespace", defaultValue = "${env:SEALED_SECRETS_CONTROLLER_NAMESPACE:-kube-system}", description = "Namespace of the controller's Service (default: ${DEFAULT-VALUE}).")
    String controllerNamespace;
    @Option(names = "--scope", paramLabel = "SCOPE", description = "strict, namespace-wide or cluster-wide (default: the Secret's annotations, else strict).")
    String scope;
    @Option(names = {"-o", "--format"}, defaultValue = "json", paramLabel = "json|yaml", description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;
    @Option(names = "--raw", description = "Seal one value (--from-file) and print it alone.")
    boolean raw;
    @Option(names = "--name", description = "Name of the Secret (--raw).")
    String name;
    @Option(names = {"-n", "--namespace"}, description = "Namespace (--raw; default for Secrets without one: default).")
    String namespace;
    @Option(names = "--from-file", paramLabel = "FILE", description = "The value to seal (--raw).")
    Path fromFile;
    @Option(names = {"-f", "--secret-file"}, paramLabel = "FILE", description = "Read input from FILE instead of stdin.")
    Path inputFile;
    @Option(names = {"-w", "--sealed-secret-file"}, paramLabel = "FILE", description = "Write output to FILE instead of stdout.")
    Path outputFile;
    @Option(names = "--merge-into", paramLabel = "FILE", description = "Seal the Secret's values into this SealedSecret file, in place.")
    Path mergeInto;
    @Option(names = "--re-encrypt", description = "Re-seal SealedSecrets with the controller's newest key.")
    boolean reEncrypt;
    @Option(names = "--validate", description = "Ask the controller whether the SealedSecrets unseal.")
    boolean validate;
    @Option(names = "--recovery-unseal", description = "Unseal SealedSecrets offline with --recovery-private-key and print the Secrets.")
    boolean recoveryUnseal;
    @Option(names = "--recovery-private-key", split = ",", paramLabel = "FILE", description = "Private keys (PEM, or key Secrets as YAML/JSON), comma-separated.")
    List<String> recoveryPrivateKeys = new ArrayList<>();
    @Option(names = "--allow-empty-data", description = "Seal a Secret that has no data.")
    boolean allowEmptyData;

    /** Where input comes from when no --secret-file is given; tests replace it. */
    InputStream stdin = System.in;

    @Override
    public Integer call() throws Exception {
        checkUsage();
        if (fetchCert) {
            try (ControllerClient controller = controller()) {
                emit(controller.cert());
            }
        } else if (recoveryUnseal) {
            emit(Kubeseal.recoveryUnseal(input(), RecoveryKeys.load(recoveryPrivateKeys), yaml()));
        } else if (validate) {
            validateAll();
        } else if (reEncrypt) {
            reEncryptAll();
        } else if (raw) {
            emit(new SealedSecretSealer(sealingKey(), new SecureRandom()).sealValue(scopeOr(Scope.STRICT), namespace, name,
                    Files.readAllBytes(fromFile)));
        } else if (mergeInto != null) {
            Files.writeString(mergeInto, Kubeseal.mergeInto(Files.readString(mergeInto), input(), sealingKey()));
        } else {
            emit(Kubeseal.seal(input(), sealingKey(), scope == null ? null : Scope.fromFlag(scope),
                    namespace == null ? "default" : namespace, allowEmptyData, yaml()));
        }
        return 0;
    }

    private void checkUsage() {
        if (!"json".equals(format) && !"yaml".equals(format)) {
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
        if (raw) {
            if (fromFile == null) {
                throw usage("--raw needs --from-file");
            }
            try {
                SealedSecretSealer.requireIdentity(scopeOr(Scope.STRICT), namespace, name);
            } catch (SealingException e) {
                throw usage("--raw: " + e.getMessage() + " (--name, --namespace)");
            }
        }
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
        try (ControllerClient controller = controller()) {
            for (SealedSecret sealed : Kubeseal.sealedSecrets(input())) {
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
        try (ControllerClient controller = controller()) {
            return Certificates.sealingKey(controller.cert().getBytes(StandardCharsets.US_ASCII), "controller certificate", Instant.now());
        }
    }

    private ControllerClient controller() {
        return new ControllerClient(controllerNamespace, controllerName);
    }

    private Scope scopeOr(Scope fallback) {
        return scope == null ? fallback : Scope.fromFlag(scope);
    }

    private boolean yaml() {
        return "yaml".equals(format);
    }

    private String input() throws IOException {
        return inputFile != null ? Files.readString(inputFile) : new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    }

    private void emit(String text) throws IOException {
        if (outputFile != null) {
            Files.writeString(outputFile, text);
        } else {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
