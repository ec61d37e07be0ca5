package dev.coffer.cli;

import dev.coffer.sealing.KeyPem;
import dev.coffer.sealing.TestKeys;
import dev.coffer.testsupport.fuzz.FuzzRun;
import dev.coffer.testsupport.fuzz.Mutator;
import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the manifest readers of {@code render} and {@code seal} through their command lines,
 * as a user runs them: mutated multi-document YAML and JSON (stores, ExternalSecrets, Secrets,
 * ConfigMaps) in a file. Each run exits 0, 1 or 2; a failure prints exactly one line on stderr,
 * with no stack trace and none of the secret values of the input; nothing hangs.
 */
class ManifestReaderFuzzTest {

    private static final String MARKER = "CANARYv4lue";
    private static final List<String> TOKENS = List.of("---\n", "\n", ": ", "- ", "{", "}", "[", "]", "\"", "'", "&a", "*a",
            "!!binary ", "!!str ", "? ", "|\n  ", ">-\n  ", "#", "~", "null", "\t", "  ", ",", "<<: *a", "kind: Secret",
            "apiVersion: v1", "kind: ExternalSecret", "data:", "stringData:", "metadata:", "namespace: ", "name: ", "\u0000", "%YAML 1.2\n");

    private static final String STORE = """
            apiVersion: external-secrets.io/v1
            kind: SecretStore
            metadata: {name: fake, namespace: apps}
            spec:
              provider:
                fake:
                  data:
                  - {key: db, value: "%s-db"}
                  - {key: json, value: '{"user":"u","password":"%s-pw"}'}
            """.formatted(MARKER, MARKER);
    private static final String EXTERNAL_SECRET = """
            apiVersion: external-secrets.io/v1
            kind: ExternalSecret
            metadata: {name: app, namespace: apps}
            spec:
              refreshInterval: 1h
              secretStoreRef: {name: fake, kind: SecretStore}
              target:
                template:
                  data: {dsn: "postgres://{{ .user }}:{{ .password }}@db"}
              data:
              - secretKey: db
                remoteRef: {key: db}
              dataFrom:
              - extract: {key: json}
            """;
    private static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata: {name: creds, namespace: apps}
            type: Opaque
            data: {token: %s}
            stringData: {password: "%s-plain"}
            """.formatted(java.util.Base64.getEncoder().encodeToString((MARKER + "-b64").getBytes()), MARKER);
    private static final String SECRET_JSON = """
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"j","namespace":"apps"},"stringData":{"k":"%s-json"}}
            """.formatted(MARKER);
    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: tpl, namespace: apps}
            data: {t: "{{ .db }}"}
            """;

    private static String tryKubeconfig;

    @TempDir
    Path dir;

    @BeforeAll
    static void hermetic() {
        // never the developer's kubeconfig: seal must not reach for a cluster
        tryKubeconfig = System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
    }

    @AfterAll
    static void restore() {
        if (tryKubeconfig == null) {
            System.clearProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY);
        } else {
            System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, tryKubeconfig);
        }
    }

    @Test
    void renderReadsEveryInputOrSaysWhyInOneLine() {
        Mutator inputs = new Mutator(FuzzRun.SEED, List.of(STORE + "---\n" + EXTERNAL_SECRET, STORE + "---\n" + EXTERNAL_SECRET
                + "---\n" + CONFIG_MAP, SECRET + "---\n" + STORE, SECRET_JSON), TOKENS);
        Path file = dir.resolve("in.yaml");
        FuzzRun.run("render", i -> {
            byte[] input = inputs.nextBytes();
            return () -> assertOneLineOrSuccess(file, input, "render", "-f", file.toString());
        });
    }

    @Test
    void sealReadsEveryInputOrSaysWhyInOneLine() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), KeyPem.encode(TestKeys.key(0).certificate()));
        Mutator inputs = new Mutator(FuzzRun.SEED + 2, List.of(SECRET, SECRET_JSON, SECRET + "---\n" + SECRET), TOKENS);
        Path file = dir.resolve("secret.yaml");
        FuzzRun.run("seal", i -> {
            byte[] input = inputs.nextBytes();
            return () -> assertOneLineOrSuccess(file, input, "seal", "--cert", cert.toString(), "-f", file.toString());
        });
    }

    /** Found by the seal fuzzer: a "kind" that ran on into a value was printed whole in the error line. */
    @Test
    void aKindRunningIntoAValueIsNotPrinted() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), KeyPem.encode(TestKeys.key(0).certificate()));
        Path file = dir.resolve("mangled.yaml");
        byte[] mangled = "{\"apiVersion\":\"v1\",\"kind\":\"Secret  eta%s-json\"}".formatted(MARKER).getBytes();
        assertOneLineOrSuccess(file, mangled, "seal", "--cert", cert.toString(), "-f", file.toString());
    }

    private static void assertOneLineOrSuccess(Path file, byte[] input, String... args) {
        try {
            Files.write(file, input);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CommandLine cl = Commands.commandLine(Map.of());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        assertThat(code).as("exit code; stderr: %s", err).isIn(0, 1, 2);
        if (code != 0) {
            FuzzRun.assertOneLineError(err.toString(), MARKER);
        } else {
            assertThat(err.toString()).as("stderr of a success").doesNotContain(MARKER).doesNotContain("\tat ");
        }
    }
}
