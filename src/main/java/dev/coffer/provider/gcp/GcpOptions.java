package dev.coffer.provider.gcp;

import com.google.api.gax.retrying.RetrySettings;
import dev.coffer.provider.SharedCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.time.Duration;
import java.util.function.Function;

/**
 * Process-level knobs of the gcpsm provider, injectable so tests need not touch the process
 * environment or global registries.
 *
 * @param settings    lookup of the endpoint settings below (system property first, then environment)
 * @param shareWindow how long a fetched value serves identical requests (0: only concurrent ones share)
 * @param shareCalls  whether identical requests share calls at all (off only to measure the difference)
 * @param meters      where {@code externalsecret_provider_api_calls_count} is counted
 * @param retry       the SDK's retries of UNAVAILABLE and RESOURCE_EXHAUSTED; bounded so that one
 *                    read never holds a reconcile worker for the SDK's default minute
 */
public record GcpOptions(Function<String, String> settings, Duration shareWindow, boolean shareCalls,
                         MeterRegistry meters, RetrySettings retry) {

    /** {@code host:port} of Secret Manager instead of Google's (private endpoints, tests). */
    public static final String ENDPOINT = "COFFER_GCP_SECRETMANAGER_ENDPOINT";
    /** A PEM file of CA certificates trusted for that endpoint instead of the JDK's. */
    public static final String CA_FILE = "COFFER_GCP_CA_FILE";
    /** The STS token-exchange URL (workload identity). */
    public static final String STS_URL = "COFFER_GCP_STS_URL";
    /** The base URL of the IAM credentials API (service-account impersonation). */
    public static final String IAM_CREDENTIALS_URL = "COFFER_GCP_IAM_CREDENTIALS_URL";
    /** The GCE metadata server host, Google's standard variable. */
    public static final String METADATA_HOST = "GCE_METADATA_HOST";
    /** System property overriding the share window, in milliseconds (as for AWS). */
    public static final String SHARE_WINDOW_PROPERTY = "coffer.gcp.share-window-ms";

    static final Duration DEFAULT_SHARE_WINDOW = Duration.ofSeconds(5);

    /** What the operator and the render command use. */
    public static GcpOptions defaults() {
        return new GcpOptions(GcpOptions::systemSetting,
                SharedCalls.windowFromConfig(SHARE_WINDOW_PROPERTY, DEFAULT_SHARE_WINDOW), true, Metrics.globalRegistry,
                defaultRetry());
    }

    public GcpOptions withSettings(Function<String, String> settings) {
        return new GcpOptions(settings, shareWindow, shareCalls, meters, retry);
    }

    public GcpOptions withSharing(boolean shareCalls, Duration shareWindow) {
        return new GcpOptions(settings, shareWindow, shareCalls, meters, retry);
    }

    public GcpOptions withMeters(MeterRegistry meters) {
        return new GcpOptions(settings, shareWindow, shareCalls, meters, retry);
    }

    public GcpOptions withRetry(RetrySettings retry) {
        return new GcpOptions(settings, shareWindow, shareCalls, meters, retry);
    }

    /** A setting, or null when unset or blank. */
    String setting(String name) {
        String v = settings.apply(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    static RetrySettings defaultRetry() {
        return retry(Duration.ofMillis(200), 2.0, Duration.ofSeconds(3), Duration.ofSeconds(30), 4);
    }

    /** Retries starting after {@code delay}, growing by {@code multiplier} up to {@code maxDelay}, within {@code total}. */
    public static RetrySettings retry(Duration delay, double multiplier, Duration maxDelay, Duration total, int attempts) {
        Duration rpcTimeout = total.compareTo(Duration.ofSeconds(20)) < 0 ? total : Duration.ofSeconds(20);
        return RetrySettings.newBuilder()
                .setInitialRetryDelayDuration(delay)
                .setRetryDelayMultiplier(multiplier)
                .setMaxRetryDelayDuration(maxDelay)
                .setInitialRpcTimeoutDuration(rpcTimeout)
                .setRpcTimeoutMultiplier(1.0)
                .setMaxRpcTimeoutDuration(rpcTimeout)
                .setTotalTimeoutDuration(total)
                .setMaxAttempts(attempts)
                .build();
    }

    private static String systemSetting(String name) {
        String property = System.getProperty(name);
        return property != null ? property : System.getenv(name);
    }
}
