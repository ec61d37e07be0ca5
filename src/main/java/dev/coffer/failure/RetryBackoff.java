package dev.coffer.failure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Coffer's one backoff policy, used by every controller (ExternalSecret, PushSecret, SealedSecret,
 * and a status patch that fails): exponential backoff per resource for failures retrying may
 * fix, 1 s doubling up to 7 minutes (upstream's bounds), with ±10% jitter so a provider outage
 * does not end in a synchronised retry storm. Kept in memory: a restart starts again at 1 s.
 */
public final class RetryBackoff {

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofMinutes(7);

    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Duration first;
    private final Duration max;

    public RetryBackoff() {
        this(FIRST, MAX);
    }

    /** Other bounds, for tests that must see a recovery within one backoff without waiting minutes. */
    public RetryBackoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    public Duration next(String key) {
        int attempt = failures.merge(key, 1, Integer::sum) - 1;
        long millis = attempt >= 20 ? max.toMillis() : Math.min(max.toMillis(), first.toMillis() << attempt);
        long jitter = (long) (millis * 0.1 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        return Duration.ofMillis(Math.max(first.toMillis() / 2, millis + jitter));
    }

    /** The longest wait this backoff ever asks for (jitter included). */
    public Duration longest() {
        return Duration.ofMillis(max.toMillis() + max.toMillis() / 10);
    }

    public void reset(String key) {
        failures.remove(key);
    }

    /** How many resources are backing off now. */
    public int size() {
        return failures.size();
    }
}
