package dev.coffer.shard;

import dev.coffer.kube.ApiServerKubeAccess;
import dev.coffer.kube.EventRecorder;
import dev.coffer.metrics.SyncMetrics;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.store.ClientCache;
import dev.coffer.store.SecretStoreReconciler;
import dev.coffer.store.StoreReconciliation;
import dev.coffer.store.StoreValidator;
import dev.coffer.sync.ExternalSecretReconciler;
import dev.coffer.sync.GoTemplater;
import dev.coffer.testsupport.Await;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import static dev.coffer.testsupport.TestResources.externalSecretOn;
import static dev.coffer.testsupport.TestResources.fakeStore;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One operator whose share the test sets by hand: events for resources it does not own are not
 * reconciled, and when the share changes, the resources it gains are reconciled at once.
 */
class HandoffTest {

    static final String NS = "apps";

    /** Shards whose view the test sets; listeners hear each change, as with Leases. */
    static final class SetShards implements Shards {
        private final List<BiConsumer<ShardRing, ShardRing>> listeners = new CopyOnWriteArrayList<>();
        private volatile ShardRing ring;

        SetShards(ShardRing ring) {
            this.ring = ring;
        }

        void set(ShardRing next) {
            ShardRing before = ring;
            ring = next;
            listeners.forEach(l -> l.accept(before, next));
        }

        @Override
        public ShardRing current() {
            return ring;
        }

        @Override
        public void onChange(BiConsumer<ShardRing, ShardRing> listener) {
            listeners.add(listener);
        }
    }

    KubernetesServer server;
    KubernetesClient client;
    Operator operator;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of());
        server.before();
        client = server.getClient();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.stop();
        }
        server.after();
    }

    @Test
    void onlyOwnedResourcesAreReconciledAndGainedOnesAreReconciledOnTheChange() {
        // "me" and "other" share the work; "other" owns nothing here while "me" is still joining
        SetShards shards = new SetShards(new ShardRing("me", List.of("me", "other"), false));
        Sharding sharding = new Sharding(shards);
        ProviderRegistry registry = ProviderRegistry.standard();
        ClientCache cache = new ClientCache();
        var kube = new ApiServerKubeAccess(client);
        var events = new EventRecorder(client, "coffer");
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false));
        register(sharding, new SecretStoreReconciler(new StoreReconciliation(new StoreValidator(registry, cache), kube, events)));
        register(sharding, new ExternalSecretReconciler(client, registry, cache, kube, events, new SyncMetrics(meters),
                new GoTemplater()));
        operator.start();

        client.resource(fakeStore(NS, "fake", Map.of("k", "v"))).create();
        for (int i = 0; i < 6; i++) {
            client.resource(externalSecretOn(NS, "es-" + i, "SecretStore", "fake", """
                      data:
                      - secretKey: value
                        remoteRef: {key: k}
                    """)).create();
        }
        Await.await().pollDelay(java.time.Duration.ofSeconds(2)).until(() -> true);
        assertThat(meters.find("externalsecret_reconcile_duration").meters()).as("nothing owned yet").isEmpty();
        assertThat(client.secrets().inNamespace(NS).list().getItems()).isEmpty();

        shards.set(new ShardRing("me", List.of("me", "other"), true));
        List<String> mine = java.util.stream.IntStream.range(0, 6).mapToObj(i -> "es-" + i)
                .filter(n -> shards.current().owns(NS, n)).toList();
        assertThat(mine).isNotEmpty().hasSizeLessThan(6);
        mine.forEach(n -> Await.synced(client, NS, n));
        assertThat(java.util.stream.IntStream.range(0, 6).mapToObj(i -> "es-" + i).filter(n -> !mine.contains(n)))
                .allSatisfy(n -> assertThat(client.secrets().inNamespace(NS).withName(n).get()).as("Secret %s", n).isNull());
    }

    private <P extends HasMetadata> void register(Sharding sharding, Reconciler<P> reconciler) {
        sharding.register(operator, reconciler, operator.getConfigurationService().getConfigurationFor(reconciler));
    }
}
