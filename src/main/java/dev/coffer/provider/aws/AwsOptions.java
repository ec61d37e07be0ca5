package dev.coffer.provider.aws;

import dev.coffer.provider.SharedCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Process-level knobs of the aws provider, injectable so tests need not touch the process
 * environment or global registries.
 *
 * @param env         environment lookup: ESO's endpoint variables ({@code AWS_SECRETSMANAGER_ENDPOINT}, ...)
 * @param shareWindow how long a fetched value serves identical requests (0: only concurrent ones share)
 * @param shareCalls  whether identical requests share calls at all (off only to measure the difference)
 * @param meters      where {@code externalsecret_provider_api_calls_count} is counted
 * @param shareClock  the share window's clock, in nanoseconds
 * @param retry       a fresh retry strategy per SDK client; adaptive by default, so a throttled
 *                    client slows itself down instead of hammering the API
 */
public record AwsOptions(Function<String, String> env, Duration shareWindow, boolean shareCalls,
                         MeterRegistry meters, Supplier<RetryStrategy> retry, LongSupplier shareClock) {

    /** System property overriding the share window, in milliseconds. */
    public static final String SHARE_WINDOW_PROPERTY = "coffer.aws.share-window-ms";

    static final Duration DEFAULT_SHARE_WINDOW = Duration.ofSeconds(5);

    /** What the operator and the render command use. */
    public static AwsOptions defaults() {
        return new AwsOptions(System::getenv,
                SharedCalls.windowFromConfig(SHARE_WINDOW_PROPERTY, DEFAULT_SHARE_WINDOW), true, Metrics.globalRegistry,
                AwsRetryStrategy::adaptiveRetryStrategy, System::nanoTime);
    }

    public AwsOptions withEnv(Function<String, String> env) {
        return new AwsOptions(env, shareWindow, shareCalls, meters, retry, shareClock);
    }

    public AwsOptions withSharing(boolean shareCalls, Duration shareWindow) {
        return new AwsOptions(env, shareWindow, shareCalls, meters, retry, shareClock);
    }

    public AwsOptions withMeters(MeterRegistry meters) {
        return new AwsOptions(env, shareWindow, shareCalls, meters, retry, shareClock);
    }

    /** The clock of the share window, in nanoseconds (tests move it instead of sleeping). */
    public AwsOptions withShareClock(LongSupplier shareClock) {
        return new AwsOptions(env, shareWindow, shareCalls, meters, retry, shareClock);
    }

    public AwsOptions withRetry(Supplier<RetryStrategy> retry) {
        return new AwsOptions(env, shareWindow, shareCalls, meters, retry, shareClock);
    }
}
