package dev.coffer.sealing.keys;

import dev.coffer.sealing.TestKeys;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RenewalPlanTest {

    // TestKeys.key(0) was created 2025-01-01, key(1) 2025-01-31
    final KeyRing ring = new KeyRing(List.of(TestKeys.key(0), TestKeys.key(1)));

    @Test
    void aKeyIsNeededAtStartupWhenThereIsNoneOrTheNewestPredatesTheCutoff() {
        assertThat(RenewalPlan.keyNeededAtStartup(KeyRing.empty(), Optional.empty())).isTrue();
        assertThat(RenewalPlan.keyNeededAtStartup(ring, Optional.empty())).isFalse();
        assertThat(RenewalPlan.keyNeededAtStartup(ring, Optional.of(Instant.parse("2025-01-15T00:00:00Z")))).isFalse();
        assertThat(RenewalPlan.keyNeededAtStartup(ring, Optional.of(Instant.parse("2025-02-15T00:00:00Z")))).isTrue();
    }

    @Test
    void renewalIsDueOnePeriodAfterTheNewestKey() {
        Instant now = Instant.parse("2025-02-10T00:00:00Z");
        assertThat(RenewalPlan.untilNextRenewal(ring, Duration.ofDays(30), now)).contains(Duration.ofDays(20));
        assertThat(RenewalPlan.untilNextRenewal(ring, Duration.ofDays(5), now)).contains(Duration.ZERO);
        assertThat(RenewalPlan.untilNextRenewal(ring, Duration.ZERO, now)).isEmpty();
    }

    @Test
    void aNewKeyIsAlwaysStrictlyNewerThanTheNewest() {
        Instant newest = TestKeys.key(1).createdAt();
        assertThat(RenewalPlan.notBeforeOfNewKey(ring, newest.plusMillis(300))).isEqualTo(newest.plusSeconds(1));
        assertThat(RenewalPlan.notBeforeOfNewKey(ring, newest.plusSeconds(90).plusMillis(5))).isEqualTo(newest.plusSeconds(90));
        assertThat(RenewalPlan.notBeforeOfNewKey(KeyRing.empty(), Instant.parse("2026-01-01T00:00:00.700Z")))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }
}
