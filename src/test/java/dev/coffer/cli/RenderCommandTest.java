package dev.coffer.cli;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/** The render command without a cluster: files in, Secret out, clear errors. */
class RenderCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int render(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "render";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.run(new PrintWriter(out), new PrintWriter(err), all);
    }

    @Test
    void rendersAnExampleAsJson() {
        assertThat(render("-f", "examples/fake/10-secretstore.yaml", "-f", "examples/fake/20-externalsecret-data.yaml", "-o", "json"))
                .as(err.toString()).isZero();
        Secret secret = Serialization.unmarshal(out.toString(), Secret.class);
        assertThat(secret.getMetadata().getName()).isEqualTo("database-credentials");
        assertThat(decoded(secret, "username")).isEqualTo("app_user");
        assertThat(secret.getMetadata().getLabels()).containsEntry("reconcile.external-secrets.io/managed", "true");
    }

    @Test
    void mergeUsesTheTargetSecretFromTheFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("all.yaml");
        Files.writeString(f, """
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: fake}
                spec:
                  provider:
                    fake:
                      data:
                      - {key: k, value: from-store}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: target}
                stringData: {}
                data:
                  existing: a2VwdA==
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: es}
                spec:
                  secretStoreRef: {name: fake}
                  target: {name: target, creationPolicy: Merge}
                  data:
                  - secretKey: added
                    remoteRef: {key: k}
                """);
        assertThat(render("-f", f.toString())).as(err.toString()).isZero();
        Secret secret = Serialization.unmarshal(out.toString(), Secret.class);
        assertThat(decoded(secret, "existing")).isEqualTo("kept");
        assertThat(decoded(secret, "added")).isEqualTo("from-store");
    }

    @Test
    void unknownStoreMissingKeyAndBadYamlFailWithOneLine(@TempDir Path dir) throws Exception {
        Path es = dir.resolve("es.yaml");
        Files.writeString(es, """
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: es, namespace: demo}
                spec:
                  secretStoreRef: {name: nope}
                  data:
                  - secretKey: v
                    remoteRef: {key: k}
                """);
        assertThat(render("-f", es.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("SecretStore \"nope\" not found").doesNotContain("\tat ");

        err.getBuffer().setLength(0);
        assertThat(render("-f", "examples/fake/10-secretstore.yaml", "-f", es.toString().replace("es.yaml", "missing.yaml"))).isEqualTo(1);
        assertThat(err.toString()).contains("no such file");

        Path wrongKey = dir.resolve("wrong.yaml");
        Files.writeString(wrongKey, Files.readString(es).replace("name: nope", "name: fake").replace("key: k", "key: /absent"));
        err.getBuffer().setLength(0);
        assertThat(render("-f", "examples/fake/10-secretstore.yaml", "-f", wrongKey.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("key \"/absent\" not found");

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "foo: [");
        err.getBuffer().setLength(0);
        assertThat(render("-f", bad.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is not a valid Kubernetes manifest").doesNotContain("\tat ");
    }

    @Test
    void aMalformedManifestIsReportedWithoutQuotingIt(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("secret.yaml");
        Files.writeString(bad, """
                apiVersion: v1
                kind: Secret
                metadata: {name: s}
                stringData: canary-d0-n0t-l3ak
                """);
        assertThat(render("-f", bad.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is not a valid Kubernetes manifest").doesNotContain("canary-d0-n0t-l3ak");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(render()).isEqualTo(2);
        assertThat(err.toString().trim().lines()).hasSize(1);
        err.getBuffer().setLength(0);
        assertThat(render("-f", "examples/fake", "-o", "xml")).isEqualTo(2);
        assertThat(err.toString()).contains("-o must be yaml or json");
    }
}
