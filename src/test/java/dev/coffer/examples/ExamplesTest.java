package dev.coffer.examples;

import dev.coffer.cli.ManifestApplier;
import dev.coffer.testsupport.Await;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applies the examples users copy, as the embedded default does, and checks the Secrets the
 * operator writes from them. ({@code examples/kubernetes} is checked by KubernetesExamplesTest,
 * which plays the TokenRequest API.)
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ExamplesTest {

    @Inject
    KubernetesClient client;

    @Test
    void fakeStoreExamplesSyncTheirSecrets() {
        new ManifestApplier(client).apply(List.of(Path.of("examples", "fake")));

        Await.synced(client, "demo", "database");
        Secret db = client.secrets().inNamespace("demo").withName("database-credentials").get();
        assertThat(decoded(db, "username")).isEqualTo("app_user");
        assertThat(decoded(db, "password")).isEqualTo("correct-horse-battery-staple");
        assertThat(decoded(db, "previous-password")).isEqualTo("old-password");
        assertThat(decoded(db, "host")).isEqualTo("db.demo.svc");
        assertThat(db.getMetadata().getAnnotations()).containsEntry("reloader.stakater.com/match", "true");

        Await.synced(client, "demo", "app-config");
        Secret config = client.secrets().inNamespace("demo").withName("app-config").get();
        assertThat(decoded(config, "host")).isEqualTo("db.demo.svc");
        assertThat(decoded(config, "port")).isEqualTo("5432");
        assertThat(decoded(config, "flags")).isEqualTo("{\"tls\":true}");
        assertThat(decoded(config, "team-api-key")).isEqualTo("demo-api-key");
        assertThat(decoded(config, "team-webhook-url")).isEqualTo("https://hooks.example.com/demo");

        Await.synced(client, "demo", "templated");
        Secret templated = client.secrets().inNamespace("demo").withName("db-dsn").get();
        assertThat(templated.getType()).isEqualTo("kubernetes.io/basic-auth");
        assertThat(decoded(templated, "dsn")).isEqualTo("postgres://app_user:correct-horse-battery-staple@db.demo.svc:5432/app");
        assertThat(decoded(templated, "keys")).isEqualTo("CONFIG;PASSWORD;USERNAME;");
        assertThat(templated.getData()).containsOnlyKeys("username", "password", "dsn", "keys");
        assertThat(templated.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "demo");
        assertThat(templated.getMetadata().getAnnotations()).containsEntry("db-host", "db.demo.svc");

        // render runs the same fetch and shape as the operator, so it prints the Secrets the
        // operator wrote. (Checked here because the shared mock server holds one copy of demo/.)
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = dev.coffer.cli.Main.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err), "render", "-f", "examples/fake");
        assertThat(code).as(err.toString()).isZero();
        List<Secret> rendered = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                new java.io.ByteArrayInputStream(out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(rendered).hasSize(3);
        for (Secret r : rendered) {
            Secret live = client.secrets().inNamespace("demo").withName(r.getMetadata().getName()).get();
            assertThat(r.getData()).isEqualTo(live.getData());
            assertThat(r.getType()).isEqualTo(live.getType());
            assertThat(r.getMetadata().getLabels()).isEqualTo(live.getMetadata().getLabels());
            assertThat(r.getMetadata().getAnnotations()).isEqualTo(live.getMetadata().getAnnotations());
        }
    }

    @Test
    void clusterStoreExampleServesOnlyAllowedNamespaces() {
        new ManifestApplier(client).apply(List.of(Path.of("examples", "cluster-store")));

        Await.synced(client, "team-a", "registry");
        assertThat(decoded(client.secrets().inNamespace("team-a").withName("registry").get(), "token"))
                .isEqualTo("demo-registry-token");
        Await.failing(client, "sandbox", "registry", "does not allow namespace \"sandbox\"");
        assertThat(client.secrets().inNamespace("sandbox").withName("registry").get()).isNull();
    }
}
