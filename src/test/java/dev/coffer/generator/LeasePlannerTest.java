package dev.coffer.generator;

import dev.coffer.api.externalsecrets.v1.GeneratorState;
import dev.coffer.api.externalsecrets.v1.LeaseStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.coffer.generator.LeasePlanner.Action.KEEP;
import static dev.coffer.generator.LeasePlanner.Action.RENEW;
import static dev.coffer.generator.LeasePlanner.Action.REPLACE;
import static org.assertj.core.api.Assertions.assertThat;

/** When a recorded lease is kept, renewed, or its credentials replaced. */
class LeasePlannerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static LeaseStatus issued(String id, long ttl, boolean renewable) {
        return LeasePlanner.issued(new Lease(id, ttl, renewable), T0);
    }

    @Test
    void renewsAboutTwoThirdsIntoTheTtlWithAJitterOfAtMostATenth() {
        for (int i = 0; i < 200; i++) {
            Instant at = LeasePlanner.renewAt(T0, 3600, "database/creds/app/" + i);
            assertThat(Duration.between(T0, at).toSeconds()).isBetween(2040L, 2400L);
        }
        assertThat(LeasePlanner.renewAt(T0, 3600, "a")).as("same lease, same moment")
                .isEqualTo(LeasePlanner.renewAt(T0, 3600, "a"));
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> LeasePlanner.renewAt(T0, 3600, "lease-" + i)).distinct().count();
        assertThat(distinct).as("leases issued together do not renew together").isGreaterThan(40);
    }

    @Test
    void keepsBeforeTheRenewalTimeThenRenewsThenReplacesOnceExpired() {
        LeaseStatus l = issued("l1", 3600, true);
        Instant renew = Instant.parse(l.renewTime);
        assertThat(l.expiryTime).isEqualTo(T0.plusSeconds(3600).toString());
        assertThat(l.ttlSeconds).isEqualTo(3600);
        assertThat(LeasePlanner.decide(l, T0)).isEqualTo(KEEP);
        assertThat(LeasePlanner.decide(l, renew.minusMillis(1))).isEqualTo(KEEP);
        assertThat(LeasePlanner.decide(l, renew)).isEqualTo(RENEW);
        assertThat(LeasePlanner.decide(l, T0.plusSeconds(3600))).isEqualTo(REPLACE);
    }

    @Test
    void aLeaseThatCannotBeRenewedIsReplacedAtItsRenewalTime() {
        LeaseStatus l = issued("l1", 600, false);
        assertThat(LeasePlanner.decide(l, Instant.parse(l.renewTime))).isEqualTo(REPLACE);
        assertThat(LeasePlanner.decide(l, T0)).isEqualTo(KEEP);
    }

    @Test
    void aLeaseWithoutTtlIsKept() {
        LeaseStatus l = issued("l1", 0, true);
        assertThat(l.renewTime).isNull();
        assertThat(LeasePlanner.decide(l, T0.plus(Duration.ofDays(400)))).isEqualTo(KEEP);
    }

    @Test
    void aRenewalThatBuysLessThanHalfTheTtlMeansTheMaxTtlIsNear() {
        LeaseStatus l = issued("l1", 3600, true);
        Instant now = T0.plusSeconds(2400);
        LeaseStatus renewed = LeasePlanner.renewed(l, new Lease("l1", 3600, true), now).orElseThrow();
        assertThat(renewed.expiryTime).isEqualTo(now.plusSeconds(3600).toString());
        assertThat(renewed.ttlSeconds).as("the next renewal asks for the original TTL again").isEqualTo(3600);
        assertThat(LeasePlanner.renewed(l, new Lease("l1", 1800, true), now)).isPresent();
        assertThat(LeasePlanner.renewed(l, new Lease("l1", 1799, true), now)).isEmpty();
        assertThat(LeasePlanner.renewed(l, new Lease("l1", 0, true), now)).isEmpty();
    }

    @Test
    void dueAndNextActionLookAtEveryRecordedLease() {
        GeneratorState password = new GeneratorState();
        GeneratorState early = new GeneratorState();
        early.lease = issued("a", 60, true);
        GeneratorState late = new GeneratorState();
        late.lease = issued("b", 3600, true);
        List<GeneratorState> states = List.of(password, late, early);
        assertThat(LeasePlanner.nextAction(states)).contains(Instant.parse(early.lease.renewTime));
        assertThat(LeasePlanner.due(states, T0)).isFalse();
        assertThat(LeasePlanner.due(states, Instant.parse(early.lease.renewTime))).isTrue();
        assertThat(LeasePlanner.nextAction(List.of(password))).isEmpty();
        assertThat(LeasePlanner.due(null, T0)).isFalse();
    }

    @Test
    void anUnreadableTimeMeansActNow() {
        LeaseStatus l = issued("l1", 3600, true);
        l.expiryTime = "yesterday";
        assertThat(LeasePlanner.decide(l, T0)).isEqualTo(REPLACE);
    }
}
