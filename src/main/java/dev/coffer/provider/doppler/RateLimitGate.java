package dev.coffer.provider.doppler;

import dev.coffer.provider.ProviderException;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Doppler's rate limit as its headers tell it: a 429 (with {@code Retry-After}) or an answer that
 * leaves {@code X-RateLimit-Remaining} at 0 closes the gate until {@code X-RateLimit-Reset} (epoch
 * seconds). While it is closed no request is sent; the read fails THROTTLED with the time it opens,
 * so the reconciler backs off and the Secret synced before stays as it is.
 */
final class RateLimitGate {

    private final Clock clock;
    private volatile Instant closedUntil = Instant.MIN;

    RateLimitGate(Clock clock) {
        this.clock = clock;
    }

    /** Throws THROTTLED while the limit is exhausted. */
    void check() {
        Instant until = closedUntil;
        if (clock.instant().isBefore(until)) {
            throw ProviderException.throttled("Doppler rate limit exhausted: no request sent until " + until
                    + " (X-RateLimit-Reset)");
        }
    }

    /** Reads the headers of any answer; on a 429, returns the THROTTLED error to throw. */
    Optional<ProviderException> observe(int status, HttpHeaders headers) {
        Instant now = clock.instant();
        Optional<Instant> reset = headers.firstValue("x-ratelimit-reset").flatMap(RateLimitGate::epochSeconds);
        if (status == 429) {
            Instant until = headers.firstValue("retry-after").flatMap(RateLimitGate::seconds).map(now::plusSeconds)
                    .or(() -> reset).orElse(now.plusSeconds(60));
            closedUntil = until;
            String limit = headers.firstValue("x-ratelimit-limit").map(l -> ", limit " + l + " requests").orElse("");
            return Optional.of(ProviderException.throttled("Doppler rate limit reached (HTTP 429" + limit
                    + "); retrying after " + until.truncatedTo(ChronoUnit.SECONDS)));
        }
        boolean exhausted = headers.firstValue("x-ratelimit-remaining").flatMap(RateLimitGate::seconds)
                .map(r -> r <= 0).orElse(false);
        if (exhausted && reset.isPresent() && reset.get().isAfter(now)) {
            closedUntil = reset.get();
        }
        return Optional.empty();
    }

    private static Optional<Long> seconds(String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> epochSeconds(String value) {
        return seconds(value).map(Instant::ofEpochSecond);
    }
}
