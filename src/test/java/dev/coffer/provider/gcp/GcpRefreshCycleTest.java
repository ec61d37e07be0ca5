package dev.coffer.provider.gcp;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call counts of {@link GcpFetchBenchmark}'s refresh cycle, asserted: 1,000 ExternalSecrets
 * over 100 keys make 100 AccessSecretVersion calls, and 1,000 identical finds list the project
 * once (200 secrets in pages of 2: 100 pages) and read none of their 11 matches again, since the
 * gets read them moments before.
 */
class GcpRefreshCycleTest {

    @Test
    void sharedCallsPerRefreshCycle() throws Exception {
        GcpFetchBenchmark.Cycle on = GcpFetchBenchmark.measure(true, Duration.ZERO);
        assertThat(on.reads()).isEqualTo(100);
        assertThat(on.listPages()).isEqualTo(100);
        assertThat(on.findReads()).as("bench-1 and bench-10..19 are still fresh in the window").isZero();
    }
}
