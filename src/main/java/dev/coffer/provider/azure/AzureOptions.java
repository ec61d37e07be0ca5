package dev.coffer.provider.azure;

import dev.coffer.provider.SharedCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.time.Duration;
import java.util.function.Function;

/**
 * Process-level knobs of the azurekv provider, injectable so tests need not touch the process
 * environment or global registries.
 *
 * @param settings    lookup of the settings below and of the {@code AZURE_*} variables of workload
 *                    identity (system property first, then environment)
 * @param shareWindow how long a fetched value or a vault listing serves identical requests
 * @param shareCalls  whether identical requests share calls at all (off only to measure the difference)
 * @param meters      where {@code externalsecret_provider_api_calls_count} is counted
 * @param retries     how often the SDK retries 429 and 5xx answers (it waits as Retry-After says, or
 *                    backs off from {@code retryDelay} up to {@code maxRetryDelay})
 */
public record AzureOptions(Function<String, String> settings, Duration shareWindow, boolean shareCalls,
                           MeterRegistry meters, int retries, Duration retryDelay, Duration maxRetryDelay) {

    /** A PEM file of CA certificates trusted for Key Vault and the authority instead of the JDK's (private clouds, tests). */
    public static final String CA_FILE = "COFFER_AZURE_CA_FILE";
    /**
     * {@code true} skips the Key Vault SDK's check that the 401 challenge names a resource whose
     * domain matches the vault's host: for vaults reached under another name (private DNS, tests).
     */
    public static final String DISABLE_CHALLENGE_RESOURCE_VERIFICATION = "COFFER_AZURE_DISABLE_CHALLENGE_RESOURCE_VERIFICATION";
    /** System property overriding the share window, in milliseconds (as for AWS and GCP). */
    public static final String SHARE_WINDOW_PROPERTY = "coffer.azure.share-window-ms";

    static final Duration DEFAULT_SHARE_WINDOW = Duration.ofSeconds(5);

    /** What the operator and the render command use. */
    public static AzureOptions defaults() {
        return new AzureOptions(AzureOptions::systemSetting,
                SharedCalls.windowFromConfig(SHARE_WINDOW_PROPERTY, DEFAULT_SHARE_WINDOW), true,
                Metrics.globalRegistry, 3, Duration.ofMillis(800), Duration.ofSeconds(10));
    }

    public AzureOptions withSettings(Function<String, String> settings) {
        return new AzureOptions(settings, shareWindow, shareCalls, meters, retries, retryDelay, maxRetryDelay);
    }

    public AzureOptions withSharing(boolean shareCalls, Duration shareWindow) {
        return new AzureOptions(settings, shareWindow, shareCalls, meters, retries, retryDelay, maxRetryDelay);
    }

    public AzureOptions withMeters(MeterRegistry meters) {
        return new AzureOptions(settings, shareWindow, shareCalls, meters, retries, retryDelay, maxRetryDelay);
    }

    public AzureOptions withRetries(int retries, Duration retryDelay, Duration maxRetryDelay) {
        return new AzureOptions(settings, shareWindow, shareCalls, meters, retries, retryDelay, maxRetryDelay);
    }

    /** A setting, or null when unset or blank. */
    String setting(String name) {
        String v = settings.apply(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String systemSetting(String name) {
        String property = System.getProperty(name);
        return property != null ? property : System.getenv(name);
    }
}
