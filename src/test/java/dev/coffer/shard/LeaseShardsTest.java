package dev.coffer.shard;

import dev.coffer.testsupport.MutableClock;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lease membership against the CRUD mock API server, on a clock the test moves: each replica's
 * round ({@link LeaseShards#tick()}, what its timer runs) is called by hand. The peers tier runs
 * the same scenarios against the real API server ({@code LeaseShardsOnApiServerTest}).
 */
public class LeaseShardsTest {

    protected String ns = "coffer-system";
    static final LeaseShards.Timing TIMING = new LeaseShards.Timing(Duration.ofSeconds(15), Duration.ofSeconds(10),
            Duration.ofSeconds(2));
    static final List<String> NAMES = names(300);

    KubernetesServer server;
    protected KubernetesClient client;
    final MutableClock clock = new MutableClock();

    static List<String> names(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("es-" + i);
        }
        return names;
    }

    @BeforeEach
    protected void start() {
        server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of());
        server.before();
        client = server.getClient();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }

    @AfterEach
    protected void stop() {
        server.after();
    }

    LeaseShards replica(String identity) {
        return new LeaseShards(client, ns, identity, TIMING, clock);
    }

    /** Lets {@code d} pass in retry periods; the given replicas run their round after each. */
    void run(Duration d, LeaseShards... replicas) {
        for (Duration passed = Duration.ZERO; passed.compareTo(d) < 0; passed = passed.plus(TIMING.retryPeriod())) {
            clock.advance(TIMING.retryPeriod());
            for (LeaseShards r : replicas) {
                r.tick();
            }
        }
    }

    static long owners(String name, LeaseShards... replicas) {
        long n = 0;
        for (LeaseShards r : replicas) {
            if (r.current().owns("apps", name)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aReplicaActsOnlyAfterHoldingItsLeaseForALeaseDuration() {
        LeaseShards a = replica("coffer-a");
        a.tick();
        assertThat(client.leases().inNamespace(ns).withName("coffer-shard-coffer-a").get().getMetadata().getLabels())
                .containsEntry(LeaseShards.MEMBER_LABEL, "true");
        assertThat(a.current().members()).containsExactly("coffer-a");
        assertThat(a.current().owns("apps", "x")).as("joining").isFalse();
        run(Duration.ofSeconds(14), a);
        assertThat(a.current().active()).isFalse();
        run(Duration.ofSeconds(2), a);
        assertThat(NAMES).allSatisfy(n -> assertThat(a.current().owns("apps", n)).isTrue());
    }

    @Test
    void onAJoinTheOthersLetGoAtOnceAndTheNewcomerWaits() {
        LeaseShards a = replica("coffer-a");
        LeaseShards b = replica("coffer-b");
        run(Duration.ofSeconds(18), a);
        List<ShardRing[]> changes = new ArrayList<>();
        a.onChange((before, after) -> changes.add(new ShardRing[] {before, after}));

        b.tick();
        a.tick();
        assertThat(a.current().members()).containsExactly("coffer-a", "coffer-b");
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0)[0].members()).containsExactly("coffer-a");
        long nobody = NAMES.stream().filter(n -> owners(n, a, b) == 0).count();
        assertThat(nobody).as("b's share waits for b").isBetween(100L, 200L);
        assertThat(NAMES).allSatisfy(n -> assertThat(owners(n, a, b)).isLessThanOrEqualTo(1));

        run(Duration.ofSeconds(18), a, b);
        assertThat(NAMES).allSatisfy(n -> assertThat(owners(n, a, b)).isEqualTo(1));
    }

    @Test
    void aDeadReplicaStopsBeforeItsShareMovesAndTheShareMovesWithinTheLeaseDuration() {
        LeaseShards a = replica("coffer-a");
        LeaseShards b = replica("coffer-b");
        run(Duration.ofSeconds(18), a, b);
        assertThat(NAMES).allSatisfy(n -> assertThat(owners(n, a, b)).isEqualTo(1));
        List<String> bShare = NAMES.stream().filter(n -> b.current().owns("apps", n)).toList();
        assertThat(bShare).isNotEmpty();

        run(Duration.ofSeconds(10), a); // b no longer renews
        assertThat(b.current().active()).as("b is past its renew deadline").isFalse();
        assertThat(bShare).allSatisfy(n -> assertThat(a.current().owns("apps", n)).as("not yet: b's lease lasts").isFalse());

        run(Duration.ofSeconds(8), a); // a lease duration after a last saw b renew, plus one look
        assertThat(a.current().members()).containsExactly("coffer-a");
        assertThat(NAMES).allSatisfy(n -> assertThat(a.current().owns("apps", n)).isTrue());
    }

    @Test
    void aReplicaBackAfterMissingItsDeadlineJoinsAgain() {
        LeaseShards a = replica("coffer-a");
        LeaseShards b = replica("coffer-b");
        run(Duration.ofSeconds(18), a, b);
        run(Duration.ofSeconds(12), a);
        b.tick();
        a.tick();
        assertThat(b.current().active()).as("renewed, but others may have taken its share meanwhile").isFalse();
        assertThat(NAMES).allSatisfy(n -> assertThat(owners(n, a, b)).isLessThanOrEqualTo(1));
        run(Duration.ofSeconds(18), a, b);
        assertThat(b.current().active()).isTrue();
        assertThat(NAMES).allSatisfy(n -> assertThat(owners(n, a, b)).isEqualTo(1));
    }

    @Test
    void aReplicaThatShutsDownHandsItsShareOverAtOnce() {
        LeaseShards a = replica("coffer-a");
        LeaseShards b = replica("coffer-b");
        run(Duration.ofSeconds(18), a, b);
        b.close();
        assertThat(b.current().active()).isFalse();
        assertThat(client.leases().inNamespace(ns).withName(b.leaseName()).get()).isNull();
        a.tick();
        assertThat(NAMES).allSatisfy(n -> assertThat(a.current().owns("apps", n)).isTrue());
    }

    @Test
    void exactlyOneReplicaHasTheRolloutDuties() {
        LeaseShards a = replica("coffer-a");
        LeaseShards b = replica("coffer-b");
        LeaseShards c = replica("coffer-c");
        run(Duration.ofSeconds(18), a, b, c);
        long leaders = List.of(a, b, c).stream().filter(r -> new Sharding(r).leadsRollouts()).count();
        assertThat(leaders).isEqualTo(1);
    }

    @Test
    void timingMustLeaveTheDeadlineBelowTheLeaseDuration() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LeaseShards.Timing(Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(2))).isInstanceOf(IllegalArgumentException.class);
    }
}
