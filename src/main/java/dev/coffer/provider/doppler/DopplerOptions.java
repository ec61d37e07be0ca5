package dev.coffer.provider.doppler;

import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SharedCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * Process-level knobs of the doppler provider, injectable so tests need not touch the process
 * environment or global registries.
 *
 * @param settings    lookup of {@link #BASE_URL} (system property first, then environment)
 * @param shareWindow how long one download serves every read of the same config (0: only concurrent reads share)
 * @param shareCalls  whether identical reads share calls at all
 * @param clock       wall clock for rate-limit resets and OIDC token expiry
 * @param timeout     per-request timeout, as upstream's 10 s
 * @param meters      where {@code externalsecret_provider_api_calls_count} is counted
 */
public record DopplerOptions(Function<String, String> settings, Duration shareWindow, boolean shareCalls,
                             Clock clock, Duration timeout, MeterRegistry meters) {

    /** The API base URL instead of {@code https://api.doppler.com}; upstream's variable, for self-hosted setups and tests. */
    public static final String BASE_URL = "DOPPLER_BASE_URL";
    /** System property overriding the share window, in milliseconds (as for the other providers). */
    public static final String SHARE_WINDOW_PROPERTY = "coffer.doppler.share-window-ms";
    static final String DEFAULT_BASE_URL = "https://api.doppler.com";
    static final Duration DEFAULT_SHARE_WINDOW = Duration.ofSeconds(5);

    /** What the operator and the render command use. */
    public static DopplerOptions defaults() {
        return new DopplerOptions(DopplerOptions::systemSetting,
                SharedCalls.windowFromConfig(SHARE_WINDOW_PROPERTY, DEFAULT_SHARE_WINDOW), true,
                Clock.systemUTC(), Duration.ofSeconds(10), Metrics.globalRegistry);
    }

    public DopplerOptions withSettings(Function<String, String> settings) {
        return new DopplerOptions(settings, shareWindow, shareCalls, clock, timeout, meters);
    }

    public DopplerOptions withSharing(boolean shareCalls, Duration shareWindow) {
        return new DopplerOptions(settings, shareWindow, shareCalls, clock, timeout, meters);
    }

    public DopplerOptions withClock(Clock clock) {
        return new DopplerOptions(settings, shareWindow, shareCalls, clock, timeout, meters);
    }

    public DopplerOptions withTimeout(Duration timeout) {
        return new DopplerOptions(settings, shareWindow, shareCalls, clock, timeout, meters);
    }

    public DopplerOptions withMeters(MeterRegistry meters) {
        return new DopplerOptions(settings, shareWindow, shareCalls, clock, timeout, meters);
    }

    /**
     * The base URL as upstream normalises it: a trailing slash dropped, {@code https://} added when
     * no scheme is given; INVALID_CONFIG without a host.
     */
    String baseUrl() {
        String raw = settings.apply(BASE_URL);
        String url = raw == null || raw.isBlank() ? DEFAULT_BASE_URL : raw.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (!url.contains("://")) {
            url = "https://" + url;
        }
        try {
            URI uri = URI.create(url);
            boolean http = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            if (!http || uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("no host");
            }
        } catch (IllegalArgumentException e) {
            throw ProviderException.invalidConfig(BASE_URL + " \"" + url + "\" is not an http(s) URL with a host");
        }
        return url;
    }

    private static String systemSetting(String name) {
        String property = System.getProperty(name);
        return property != null ? property : System.getenv(name);
    }
}
