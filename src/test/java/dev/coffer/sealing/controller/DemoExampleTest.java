package dev.coffer.sealing.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.kubeseal.Documents;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the embedded default does with examples/sealed-secrets: the demo key unseals the demo SealedSecret. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class DemoExampleTest {

    @Inject
    KubernetesClient client;

    @Test
    void theDemoSealedSecretUnsealsWithTheDemoKey() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("examples", "sealed-secrets"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (ObjectNode doc : Documents.read(Files.readString(file), file.toString())) {
                    if ("Secret".equals(doc.path("kind").asText())) {
                        client.resource(Documents.as(doc, Secret.class)).create();
                    } else {
                        client.resource(Documents.as(doc, SealedSecret.class)).create();
                    }
                }
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> client.secrets().inNamespace("default").withName("demo-database").get() != null);
        Secret secret = client.secrets().inNamespace("default").withName("demo-database").get();
        assertThat(Fixtures.text(secret, "username")).isEqualTo("demo");
        assertThat(secret.getMetadata().getLabels()).containsEntry("app", "demo");
    }
}
