package dev.coffer.failure;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecretCondition;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.controller.Fixtures;
import dev.coffer.sealing.keys.KeyRegistry;
import dev.coffer.testsupport.Await;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.coffer.testsupport.TestResources.externalSecretOn;
import static dev.coffer.testsupport.TestResources.fakeStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One failure, two controllers: the API server answers 500 to every Secret create in a namespace.
 * The ExternalSecret and the SealedSecret report it through the one path ({@link FailureReport}):
 * the same message shape, each in its upstream's reason, one line, no server text.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SharedFailurePathTest {

    private static final String SHAPE = "Kubernetes API error \\(HTTP 500\\) while [a-z ]+ the Secret %s/app";

    @Inject
    KubernetesClient client;
    @Inject
    KeyRegistry keys;
    @KubernetesTestServer
    KubernetesServer server;

    private void secretCreatesFail(String ns) {
        server.expect().post().withPath("/api/v1/namespaces/" + ns + "/secrets")
                .andReturn(500, new StatusBuilder().withCode(500).withMessage("etcd canary-s3cr3t unavailable").build()).always();
    }

    @Test
    void aFailedSecretWriteReadsTheSameOnTheExternalSecretAndTheSealedSecret() {
        secretCreatesFail("shared-es");
        client.resource(fakeStore("shared-es", "fake", Map.of("k", "v"))).create();
        client.resource(externalSecretOn("shared-es", "app", "SecretStore", "fake", """
                  data:
                  - secretKey: value
                    remoteRef: {key: k}
                """)).create();

        secretCreatesFail("shared-ss");
        await().atMost(Duration.ofSeconds(30)).until(() -> keys.ring().newest().isPresent());
        client.resource(Fixtures.sealed(keys.ring().newest().orElseThrow().publicKey(), "shared-ss", "app", Scope.STRICT,
                Map.of("k", "v"))).create();

        Await.await().untilAsserted(() -> {
            ExternalSecret es = client.resources(ExternalSecret.class).inNamespace("shared-es").withName("app").get();
            assertThat(Await.ready(es)).hasValueSatisfying(c -> {
                assertThat(c.status).isEqualTo("False");
                assertThat(c.reason).isEqualTo("SecretSyncedError");
                assertThat(c.message).isEqualTo("Kubernetes API error (HTTP 500) while writing the Secret shared-es/app")
                        .matches(SHAPE.formatted("shared-es"));
            });
        });
        Await.await().untilAsserted(() -> {
            SealedSecret ss = client.resources(SealedSecret.class).inNamespace("shared-ss").withName("app").get();
            assertThat(ss.getStatus()).isNotNull();
            SealedSecretCondition c = ss.getStatus().getConditions().get(0);
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("ErrUpdateFailed");
            assertThat(c.getMessage()).isEqualTo("Kubernetes API error (HTTP 500) while reading or writing the Secret shared-ss/app")
                    .matches(SHAPE.formatted("shared-ss"));
        });
    }

    /** ClusterExternalSecret's per-namespace failures go through the same words for a Kubernetes API error. */
    @Test
    void aFailedFanOutWriteNamesTheCallAndItsStatus() {
        String ns = "shared-ces";
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(ns)
                .addToLabels("fanout", "shared").endMetadata().build()).create();
        server.expect().post().withPath("/apis/external-secrets.io/v1/namespaces/" + ns + "/externalsecrets")
                .andReturn(500, new StatusBuilder().withCode(500).withMessage("canary-s3cr3t").build()).always();
        client.resource(dev.coffer.testsupport.Manifests.parse("""
                apiVersion: external-secrets.io/v1
                kind: ClusterExternalSecret
                metadata: {name: shared-ces}
                spec:
                  externalSecretName: app
                  namespaceSelectors: [{matchLabels: {fanout: shared}}]
                  externalSecretSpec:
                    secretStoreRef: {name: fake}
                    data: [{secretKey: k, remoteRef: {key: k}}]
                """, dev.coffer.api.externalsecrets.v1.ClusterExternalSecret.class)).create();
        Await.await().untilAsserted(() -> {
            var status = client.resources(dev.coffer.api.externalsecrets.v1.ClusterExternalSecret.class).withName("shared-ces")
                    .get().getStatus();
            assertThat(status).isNotNull();
            assertThat(status.failedNamespaces).singleElement().satisfies(f -> {
                assertThat(f.namespace).isEqualTo(ns);
                assertThat(f.reason).isEqualTo("Kubernetes API error (HTTP 500) while writing ExternalSecret app");
            });
        });
    }
}
