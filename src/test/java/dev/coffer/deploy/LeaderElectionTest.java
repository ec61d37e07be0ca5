package dev.coffer.deploy;

import dev.coffer.config.LeaderElection;
import dev.coffer.kube.ApiServerKubeAccess;
import dev.coffer.kube.EventRecorder;
import dev.coffer.metrics.SyncMetrics;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.store.ClientCache;
import dev.coffer.store.ClusterSecretStoreReconciler;
import dev.coffer.store.SecretStoreReconciler;
import dev.coffer.store.StoreReconciliation;
import dev.coffer.store.StoreValidator;
import dev.coffer.sync.ExternalSecretReconciler;
import dev.coffer.sync.GoTemplater;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.LeaseAccessReview;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.coffer.testsupport.TestResources.externalSecretOn;
import static dev.coffer.testsupport.TestResources.fakeStore;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Coffer instances (the production reconcilers on plain JOSDK operators, each with its own
 * client, and the leader-election configuration production uses) against one mock API server
 * that keeps the Lease. Only the Lease holder reconciles; when it stops, the other takes over
 * without syncing again what the first one synced.
 */
class LeaderElectionTest {

    static final String LEASE_NS = "coffer-system";
    static final String NS = "apps";
    static final LeaderElection.Timing FAST = new LeaderElection.Timing(Duration.ofSeconds(2), Duration.ofMillis(1500),
            Duration.ofMillis(200));

    KubernetesServer server;
    KubernetesClient test;

    @BeforeEach
    void start() {
        server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of());
        server.before();
        LeaseAccessReview.answer(server.getKubernetesMockServer());
        test = server.getClient();
        test.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        test.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(LEASE_NS).endMetadata().build()).create();
    }

    @AfterEach
    void stop() {
        server.after();
    }

    @Test
    void onlyTheLeaderReconcilesAndTheStandbyTakesOver() {
        Instance a = new Instance("coffer-a");
        Instance b = new Instance("coffer-b");
        try {
            a.start();
            Await.await().until(() -> "coffer-a".equals(holder()));
            b.start();

            test.resource(fakeStore(NS, "fake", Map.of("k", "v"))).create();
            createExternalSecret("one");
            Await.synced(test, NS, "one");
            assertThat(a.syncs("one")).isPositive();
            assertThat(b.reconciledAnything()).as("the standby reconciles nothing").isFalse();
            // What the readiness check (QOSDK's OperatorHealthCheck) reads: the standby is ready, its informers synced.
            assertThat(b.operator.getRuntimeInfo().isStarted()).isTrue();
            assertThat(b.operator.getRuntimeInfo().getRegisteredControllers()).as("the standby's controllers").hasSize(3)
                    .allSatisfy(c -> assertThat(c.getControllerHealthInfo().unhealthyEventSources()).isEmpty());
            assertThat(holder()).isEqualTo("coffer-a");

            a.stop();
            Await.await().until(() -> "coffer-b".equals(holder()));
            createExternalSecret("two");
            Await.synced(test, NS, "two");
            assertThat(b.syncs("two")).isPositive();
            assertThat(a.syncs("two")).as("the old leader, stopped, synced nothing more").isZero();
            assertThat(b.syncs("one")).as("the new leader does not sync again what is still fresh").isZero();
        } finally {
            a.stop();
            b.stop();
        }
    }

    private String holder() {
        Lease lease = test.leases().inNamespace(LEASE_NS).withName(LeaderElection.DEFAULT_LEASE_NAME).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    private void createExternalSecret(String name) {
        test.resource(externalSecretOn(NS, name, "SecretStore", "fake", """
                  data:
                  - secretKey: value
                    remoteRef: {key: k}
                """)).create();
    }

    /** One Coffer instance: its own client, metrics and operator, the production reconcilers. */
    final class Instance {
        final String identity;
        final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        KubernetesClient client;
        Operator operator;
        ClientCache cache;

        Instance(String identity) {
            this.identity = identity;
        }

        void start() {
            client = new KubernetesClientBuilder().withConfig(test.getConfiguration()).build();
            ProviderRegistry registry = ProviderRegistry.standard();
            cache = new ClientCache();
            var kube = new ApiServerKubeAccess(client);
            var events = new EventRecorder(client, "coffer");
            var stores = new StoreReconciliation(new StoreValidator(registry, cache), kube, events);
            operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withLeaderElectionConfiguration(LeaderElection.configuration(LeaderElection.DEFAULT_LEASE_NAME,
                            LEASE_NS, identity, FAST, false)));
            operator.register(new SecretStoreReconciler(stores));
            operator.register(new ClusterSecretStoreReconciler(stores));
            operator.register(new ExternalSecretReconciler(client, registry, cache, kube, events,
                    new SyncMetrics(meters), new GoTemplater()));
            operator.start();
        }

        void stop() {
            if (operator != null) {
                operator.stop();
                cache.close();
                client.close();
                operator = null;
            }
        }

        double syncs(String name) {
            var c = meters.find("externalsecret_sync_calls_total").tags("name", name).counter();
            return c == null ? 0 : c.count();
        }

        boolean reconciledAnything() {
            return !meters.find("externalsecret_reconcile_duration").meters().isEmpty();
        }
    }
}
