package dev.coffer.shard;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.SecretStore;
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
import dev.coffer.testsupport.WriteAudit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.coffer.testsupport.TestResources.externalSecretOn;
import static dev.coffer.testsupport.TestResources.fakeStore;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three Coffer instances (the production reconcilers on plain JOSDK operators, each with its own
 * client, registered through {@link Sharding} with Lease membership) against one mock API server.
 * Every write to a Secret or an ExternalSecret is audited per instance on its client. Each
 * ExternalSecret is reconciled by exactly one instance; a crashed instance's share moves within
 * the lease time; a joining instance takes its share; and no Secret is ever written by one
 * instance, then another, then the first again.
 */
class ShardingTest {

    static final String LEASE_NS = "coffer-system";
    static final String NS = "apps";
    static final LeaseShards.Timing FAST = new LeaseShards.Timing(Duration.ofSeconds(10), Duration.ofSeconds(8),
            Duration.ofSeconds(1));
    static final List<String> NAMES = IntStream.range(0, 24).mapToObj(i -> "es-" + i).toList();

    KubernetesServer server;
    KubernetesClient test;
    final WriteAudit secretWrites = new WriteAudit("secrets");
    final WriteAudit statusWrites = new WriteAudit("externalsecrets");
    final List<Instance> instances = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of());
        server.before();
        test = server.getClient();
        test.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        test.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(LEASE_NS).endMetadata().build()).create();
    }

    @AfterEach
    void stop() {
        Await.setPatience(Duration.ofSeconds(20));
        instances.forEach(Instance::stop);
        server.after();
    }

    @Test
    void eachExternalSecretHasOneInstanceAndTheShareMovesOnDeathAndJoin() {
        Instance a = start("coffer-a");
        Instance b = start("coffer-b");
        Instance c = start("coffer-c");
        awaitMembers(List.of(a, b, c));

        test.resource(fakeStore(NS, "fake", Map.of("k", "v1"))).create();
        NAMES.forEach(n -> test.resource(externalSecretOn(NS, n, "SecretStore", "fake", """
                  data:
                  - secretKey: value
                    remoteRef: {key: k}
                """)).create());
        Await.setPatience(Duration.ofSeconds(60)); // three operators on a loaded machine
        NAMES.forEach(n -> Await.synced(test, NS, n));

        // every ExternalSecret reconciled by exactly one instance: the rendezvous owner
        List<String> three = List.of("coffer-a", "coffer-b", "coffer-c");
        for (String n : NAMES) {
            List<String> reconcilers = List.of(a, b, c).stream().filter(i -> i.reconciled(n)).map(i -> i.identity).toList();
            assertThat(reconcilers).as("instances that reconciled %s", n)
                    .containsExactly(Rendezvous.owner(ShardRing.key(NS, n), three).orElseThrow());
        }
        assertThat(List.of(a, b, c)).allSatisfy(i -> assertThat(NAMES.stream().anyMatch(i::reconciled))
                .as("%s has a share", i.identity).isTrue());
        assertOnlyOwnersWrote(0, three);

        // c crashes (its Lease stays behind): its share moves to a and b within the lease time
        List<String> cShare = NAMES.stream().filter(c::reconciled).toList();
        long crashed = System.nanoTime();
        c.crash();
        awaitMembers(List.of(a, b));
        Duration moved = Duration.ofNanos(System.nanoTime() - crashed);
        System.out.printf("sharding: the crashed instance's share moved after %d ms (lease duration %d ms)%n",
                moved.toMillis(), FAST.leaseDuration().toMillis());
        assertThat(moved).isLessThan(FAST.leaseDuration().plus(Duration.ofSeconds(5)));
        Await.await().untilAsserted(() -> assertThat(cShare).allSatisfy(n ->
                assertThat(a.reconciled(n) || b.reconciled(n)).as("%s taken over", n).isTrue()));
        int mark = secretWrites.writes().size();
        resyncAllWith("v2");
        assertOnlyOwnersWrote(mark, List.of("coffer-a", "coffer-b"));

        // d joins: its share moves to it, and nobody else writes there once it acts
        Instance d = start("coffer-d");
        awaitMembers(List.of(a, b, d));
        mark = secretWrites.writes().size();
        resyncAllWith("v3");
        assertOnlyOwnersWrote(mark, List.of("coffer-a", "coffer-b", "coffer-d"));

        // no Secret and no ExternalSecret written by two instances at once: writers never alternate
        for (WriteAudit audit : List.of(secretWrites, statusWrites)) {
            audit.writerRuns().forEach((resource, run) ->
                    assertThat(run).as("writers of %s, in order", resource).doesNotHaveDuplicates());
        }
    }

    private void resyncAllWith(String value) {
        SecretStore replacement = fakeStore(NS, "fake", Map.of("k", value));
        test.resources(SecretStore.class).inNamespace(NS).withName("fake").edit(s -> {
            s.getSpec().provider = replacement.getSpec().provider;
            return s;
        });
        for (String n : NAMES) {
            test.resources(ExternalSecret.class).inNamespace(NS).withName(n).edit(es -> {
                es.getMetadata().setAnnotations(Map.of("force-sync", value));
                return es;
            });
        }
        String encoded = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        Await.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(NAMES).allSatisfy(n -> {
            Secret s = test.secrets().inNamespace(NS).withName(n).get();
            assertThat(s.getData()).as("Secret %s", n).containsEntry("value", encoded);
        }));
    }

    /** Since {@code mark}, each Secret was written only by its owner among {@code members}. */
    private void assertOnlyOwnersWrote(int mark, List<String> members) {
        List<WriteAudit.Write> writes = secretWrites.since(mark);
        assertThat(writes).isNotEmpty();
        assertThat(writes).allSatisfy(w -> assertThat(w.writer()).as("writer of %s", w.resource())
                .isEqualTo(Rendezvous.owner(ShardRing.key(NS, w.resource().substring(NS.length() + 1)), members).orElseThrow()));
    }

    private void awaitMembers(List<Instance> live) {
        List<String> names = live.stream().map(i -> i.identity).sorted().toList();
        Await.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(live).allSatisfy(i -> {
            assertThat(i.shards.current().members()).isEqualTo(names);
            assertThat(i.shards.current().active()).as("%s acts", i.identity).isTrue();
        }));
    }

    private Instance start(String identity) {
        Instance i = new Instance(identity);
        instances.add(i);
        i.start();
        return i;
    }

    /** One Coffer instance: its own client (audited), metrics, Lease membership and operator, the production reconcilers. */
    final class Instance {
        final String identity;
        final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        KubernetesClient client;
        Operator operator;
        ClientCache cache;
        LeaseShards shards;

        Instance(String identity) {
            this.identity = identity;
        }

        void start() {
            client = new KubernetesClientBuilder().withConfig(test.getConfiguration())
                    .withHttpClientBuilderConsumer(h -> h
                            .addOrReplaceInterceptor("audit-secrets", secretWrites.interceptor(identity))
                            .addOrReplaceInterceptor("audit-externalsecrets", statusWrites.interceptor(identity)))
                    .build();
            shards = new LeaseShards(client, LEASE_NS, identity, FAST, Clock.systemUTC());
            shards.start();
            Sharding sharding = new Sharding(shards);
            ProviderRegistry registry = ProviderRegistry.standard();
            cache = new ClientCache();
            var kube = new ApiServerKubeAccess(client);
            var events = new EventRecorder(client, "coffer");
            var stores = new StoreReconciliation(new StoreValidator(registry, cache), kube, events);
            operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false));
            register(sharding, new SecretStoreReconciler(stores));
            register(sharding, new ClusterSecretStoreReconciler(stores));
            register(sharding, new ExternalSecretReconciler(client, registry, cache, kube, events,
                    new SyncMetrics(meters), new GoTemplater()));
            operator.start();
        }

        private <P extends HasMetadata> void register(Sharding sharding, Reconciler<P> reconciler) {
            sharding.register(operator, reconciler, operator.getConfigurationService().getConfigurationFor(reconciler));
        }

        /** Stops at once, leaving its Lease to expire. */
        void crash() {
            shards.stop();
            halt();
        }

        void stop() {
            if (operator != null) {
                shards.close();
                halt();
            }
        }

        private void halt() {
            if (operator != null) {
                operator.stop();
                cache.close();
                client.close();
                operator = null;
            }
        }

        boolean reconciled(String name) {
            return meters.find("externalsecret_reconcile_duration").tags("name", name).meter() != null;
        }
    }
}
