package dev.coffer.kube;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecret;
import dev.coffer.testsupport.Manifests;
import dev.coffer.testsupport.TestResources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster-wide watches that only need to know what exists (PushSecret sources, the
 * ClusterExternalSecret children) keep identity, labels and owners, and no data, spec or status.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class MetadataOnlyItemStoreTest {

    @Inject
    Operator operator;

    @Inject
    KubernetesClient client;

    @Test
    void aStoredSecretKeepsItsIdentityLabelsAndOwnersButNotItsData() {
        Secret secret = new SecretBuilder().withNewMetadata().withName("db").withNamespace("ns").withResourceVersion("9")
                .withUid("u-1").addToLabels("team", "a").addToAnnotations("note", "x")
                .addNewOwnerReference().withName("owner").withUid("u-0").withKind("PushSecret").withController(true).endOwnerReference()
                .withManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("kubectl").build())).endMetadata()
                .withType("Opaque").addToData("password", "c2VjcmV0").addToStringData("user", "admin").build();
        MetadataOnlyItemStore<Secret> store = new MetadataOnlyItemStore<>(Secret.class);
        store.put(store.getKey(secret), secret);

        Secret cached = store.get("ns/db");
        assertThat(cached.getData()).isNullOrEmpty();
        assertThat(cached.getStringData()).isNullOrEmpty();
        assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(cached.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(cached.getMetadata().getLabels()).containsEntry("team", "a");
        assertThat(cached.getMetadata().getOwnerReferences()).singleElement().extracting(o -> o.getUid()).isEqualTo("u-0");
        assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("9");
        assertThat(cached.getMetadata().getUid()).isEqualTo("u-1");
        assertThat(secret.getData()).as("the informer's object is not changed").containsKey("password");
    }

    @Test
    void thePushSecretSourceWatchHoldsNoSecretData() {
        client.resource(new SecretBuilder().withNewMetadata().withName("plain").withNamespace("watched").endMetadata()
                .addToData("password", "c2VjcmV0").build()).create();
        // the watch starts with the first PushSecret that reads a source
        client.resource(Manifests.parse("""
                apiVersion: external-secrets.io/v1alpha1
                kind: PushSecret
                metadata: {name: pusher, namespace: watched}
                spec:
                  secretStoreRefs: [{name: nowhere}]
                  selector: {secret: {name: plain}}
                  data: [{match: {secretKey: password, remoteRef: {remoteKey: db}}}]
                """, PushSecret.class)).create();
        Secret cached = awaitCached("pushsecret", Secret.class, "push-source-secrets", "watched", "plain");
        assertThat(cached.getData()).isNullOrEmpty();
    }

    @Test
    void theClusterExternalSecretChildrenWatchHoldsNoSpec() {
        client.resource(TestResources.externalSecret("""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: child, namespace: watched}
                spec:
                  secretStoreRef: {name: fake}
                  data:
                  - secretKey: value
                    remoteRef: {key: k}
                """)).create();
        ExternalSecret cached = awaitCached("clusterexternalsecret", ExternalSecret.class, "children", "watched", "child");
        assertThat(cached.getSpec()).isNull();
        assertThat(cached.getStatus()).isNull();
    }

    /** The object as that event source caches it, once the source exists (a lazy one starts later) and has it. */
    @SuppressWarnings("unchecked")
    private <R extends HasMetadata> R awaitCached(String controller, Class<R> type, String source, String ns, String name) {
        var events = (io.javaoperatorsdk.operator.processing.Controller<?>) operator.getRegisteredController(controller).orElseThrow();
        return Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                ((InformerEventSource<R, ?>) events.getEventSourceManager().getEventSourceFor(type, source))
                        .get(new ResourceID(name, ns)), Optional::isPresent).orElseThrow();
    }
}
