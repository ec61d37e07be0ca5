package dev.coffer.rollout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gathers the changes that arrive for one key within a window into one piece of work: the first
 * change starts the window, later ones join it, and the key is due when the window ends. A burst
 * of Secret updates (ExternalSecrets refreshed together, a rotation that writes three Secrets)
 * thus gives one rollout, at most {@code window} after the first change.
 */
public final class Debouncer<K> {

    private record Pending(Instant due, Set<String> causes) {
    }

    private final Clock clock;
    private final Duration window;
    private final Map<K, Pending> pending = new LinkedHashMap<>();

    public Debouncer(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    /** Records a change for {@code key}; {@code cause} (a Secret name, or null) is reported with it. */
    public synchronized void offer(K key, String cause) {
        Pending p = pending.computeIfAbsent(key, k -> new Pending(clock.instant().plus(window), new TreeSet<>()));
        if (cause != null) {
            p.causes().add(cause);
        }
    }

    /** Removes and returns the keys whose window has ended, each with the causes gathered. */
    public synchronized Map<K, Set<String>> takeDue() {
        Instant now = clock.instant();
        Map<K, Set<String>> due = new LinkedHashMap<>();
        var it = pending.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().due().isAfter(now)) {
                due.put(e.getKey(), Set.copyOf(e.getValue().causes()));
                it.remove();
            }
        }
        return due;
    }

    public synchronized int pendingCount() {
        return pending.size();
    }
}
