package dev.coffer.cli;

import dev.coffer.sealing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #14, defect 1: a secret value never reaches the output of {@code render} or {@code seal}
 * when they fail, whatever the failure touches (a template's {@code fail}, a property of a
 * non-JSON value, a malformed Secret or SealedSecret), and long or short.
 */
class CliCanaryTest {

    private static final String CANARY = "canary-Cl1-do-not-leak";
    private static final String SHORT = "Zq";

    @TempDir
    Path dir;

    private record Output(int code, String out, String err) {
        void leaksNothing(String why) {
            assertThat(code).as(why + ": " + err).isEqualTo(1);
            assertThat(err.strip().lines()).as(why + ": one line").hasSize(1);
            assertThat(err).as(why).doesNotContain(CANARY).doesNotContain("\tat ");
            assertThat(out).as(why).doesNotContain(CANARY);
        }
    }

    private Output render(String manifests) throws Exception {
        Path f = dir.resolve("all.yaml");
        Files.writeString(f, manifests);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), new String[] {"render", "-f", f.toString()});
        return new Output(code, out.toString(), err.toString());
    }

    private static String storeAnd(String externalSecretSpec) {
        return """
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: fake}
                spec:
                  provider:
                    fake:
                      data:
                      - {key: password, value: %s}
                      - {key: pin, value: %s}
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: es}
                spec:
                  secretStoreRef: {name: fake}
                """.formatted(CANARY, SHORT) + externalSecretSpec;
    }

    @Test
    void renderFailuresNeverQuoteAValue() throws Exception {
        render(storeAnd("""
                  target:
                    template:
                      data: {x: '{{ fail .password }}'}
                  dataFrom: [{extract: {key: password}}]
                """)).leaksNothing("extract of a non-JSON value");
        render(storeAnd("""
                  target:
                    template:
                      data: {x: '{{ fail .password }}'}
                  data: [{secretKey: password, remoteRef: {key: password}}]
                """)).leaksNothing("fail in template.data");
        render(storeAnd("""
                  target:
                    template:
                      templateFrom: [{literal: '{{ .password | mustFromJson }}'}]
                  data: [{secretKey: password, remoteRef: {key: password}}]
                """)).leaksNothing("JSON parse in templateFrom");
        render(storeAnd("""
                  data: [{secretKey: v, remoteRef: {key: password, property: a.b}}]
                """)).leaksNothing("property of a non-JSON value");
        Output shortValue = render(storeAnd("""
                  target:
                    template:
                      data: {x: '{{ fail .pin }}'}
                  data: [{secretKey: pin, remoteRef: {key: pin}}]
                """));
        shortValue.leaksNothing("fail with a short value");
        assertThat(shortValue.err()).contains("data.x").doesNotContain(": " + SHORT);
    }

    @Test
    void sealFailuresNeverQuoteAValue() throws Exception {
        SealCli cli = new SealCli(dir);
        String cert = cli.cert(TestKeys.key(0));
        String secret = """
                apiVersion: v1
                kind: Secret
                metadata: {name: s, namespace: ns}
                data:
                  %s
                """;
        String notBase64 = secret.formatted("k: '" + CANARY + "!'");
        SealCli.Run badData = cli.run(notBase64, "--cert", cert);
        new Output(badData.code(), badData.out(), badData.err()).leaksNothing("a value that is not base64");
        String notAString = secret.formatted("k: {nested: " + CANARY + "}");
        SealCli.Run badShape = cli.run(notAString, "--cert", cert);
        new Output(badShape.code(), badShape.out(), badShape.err()).leaksNothing("a value that is not a string");
        String b64 = Base64.getEncoder().encodeToString(CANARY.getBytes(StandardCharsets.UTF_8));
        String sealedGarbage = """
                apiVersion: bitnami.com/v1alpha1
                kind: SealedSecret
                metadata: {name: s, namespace: ns}
                spec:
                  encryptedData:
                    k: %s
                """.formatted(b64);
        SealCli.Run unseal = cli.run(sealedGarbage, "--recovery-unseal", "--recovery-private-key", cli.privateKey(TestKeys.key(0)));
        new Output(unseal.code(), unseal.out(), unseal.err()).leaksNothing("recovery-unseal of a payload no key opens");
    }
}
