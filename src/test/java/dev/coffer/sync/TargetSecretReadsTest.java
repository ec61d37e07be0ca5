package dev.coffer.sync;

import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.OperatorTest;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The target Secret is read from the API server only when the managed-Secret cache cannot say
 * that it is absent: a new ExternalSecret's Secret is created with one call, and a Secret the
 * cache does not hold (here one written by hand, without Coffer's label) is still found, through
 * the create's 409, with the outcome it always had.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class TargetSecretReadsTest extends OperatorTest {

    @KubernetesTestServer
    KubernetesServer server;

    @Test
    void aNewSecretIsCreatedWithoutReadingItFirst() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("db", "v1"));
        drain();
        createExternalSecret(ns, "app", """
                  data:
                  - secretKey: password
                    remoteRef: {key: db}
                """);
        Await.synced(client, ns, "app");
        List<RecordedRequest> calls = secretCalls(ns, "app");
        assertThat(calls).extracting(RecordedRequest::getMethod).containsExactly("POST");
    }

    @Test
    void aSecretTheCacheDoesNotHoldIsFoundThroughTheCreatesConflict() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("db", "v1"));
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("app").withNamespace(ns)
                .endMetadata().addToData("by-hand", Base64.getEncoder().encodeToString("x".getBytes())).build()).create();
        drain();
        createExternalSecret(ns, "app", """
                  data:
                  - secretKey: password
                    remoteRef: {key: db}
                """);
        Await.synced(client, ns, "app");
        // Owner adopts the Secret and replaces its data, as with a read first
        Secret adopted = Await.secret(client, ns, "app", s -> s.getData().containsKey("password"));
        assertThat(adopted.getData()).containsOnlyKeys("password");
        assertThat(adopted.getMetadata().getLabels()).containsEntry(ManagedSecret.LABEL_MANAGED, "true");
        assertThat(secretCalls(ns, "app")).extracting(RecordedRequest::getMethod).startsWith("POST", "GET");
    }

    private void drain() {
        secretCalls("", "");
    }

    /** The operator's calls on Secret {@code ns/name} since the last drain (POSTs to the collection included). */
    private List<RecordedRequest> secretCalls(String ns, String name) {
        List<RecordedRequest> calls = new ArrayList<>();
        RecordedRequest r;
        try {
            while ((r = server.getKubernetesMockServer().takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
                String path = r.getPath().split("\\?")[0];
                String secrets = "/api/v1/namespaces/" + ns + "/secrets";
                if (path.equals(secrets + "/" + name) || path.equals(secrets) && "POST".equals(r.getMethod())) {
                    calls.add(r);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return calls;
    }
}
