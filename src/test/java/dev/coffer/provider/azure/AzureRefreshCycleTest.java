package dev.coffer.provider.azure;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call counts of {@link AzureFetchBenchmark}'s refresh cycle, asserted: 1,000 ExternalSecrets
 * over 100 keys make 100 reads, and 1,000 identical finds list the vault once (200 secrets in
 * pages of 25: 8 pages) and read none of their 11 matches again, since the gets read them moments
 * before. (Without sharing, as upstream, every ExternalSecret calls: the benchmark prints that.)
 */
class AzureRefreshCycleTest {

    @Test
    void sharedCallsPerRefreshCycle() throws Exception {
        AzureFetchBenchmark.Cycle on = AzureFetchBenchmark.measure(true, Duration.ZERO);
        assertThat(on.reads()).isEqualTo(100);
        assertThat(on.listPages()).isEqualTo(8);
        assertThat(on.findReads()).as("bench-1 and bench-10..19 are still fresh in the window").isZero();
    }
}
