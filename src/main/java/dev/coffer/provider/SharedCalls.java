package dev.coffer.provider;

import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Makes identical reads share one backend call: requests for a key already in flight wait for
 * that call (single flight), and a value fetched less than {@code window} ago is served again.
 * Failures are shared with the requests that were waiting, but never kept: the next request
 * after a failure calls again. One instance per client, so per store and credentials; every provider that can share reads uses it.
 */
public final class SharedCalls {

    /** Past this many entries, finished ones that have expired are swept on insert. */
    private static final int SWEEP_ABOVE = 4096;

    private final boolean enabled;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public SharedCalls(boolean enabled, Duration window) {
        this(enabled, window, System::nanoTime);
    }

    public SharedCalls(boolean enabled, Duration window, LongSupplier clock) {
        this.enabled = enabled;
        this.windowNanos = window.toNanos();
        this.clock = clock;
    }

    /** The value for {@code key}, from a call in flight, a fresh earlier call, or {@code loader}. */
    @SuppressWarnings("unchecked")
    public <V> V get(String key, Supplier<V> loader) {
        if (!enabled) {
            return loader.get();
        }
        while (true) {
            Entry existing = entries.get(key);
            if (existing != null) {
                if (!existing.future.isDone() || existing.isFresh(clock.getAsLong(), windowNanos)) {
                    return (V) await(existing.future);
                }
                entries.remove(key, existing);
            }
            Entry mine = new Entry();
            if (entries.putIfAbsent(key, mine) != null) {
                continue; // someone else started the call first: wait for theirs
            }
            sweepIfLarge();
            try {
                V value = loader.get();
                mine.completedAt = clock.getAsLong();
                mine.future.complete(value);
                return value;
            } catch (RuntimeException | Error e) {
                entries.remove(key, mine);
                mine.future.completeExceptionally(e);
                throw e;
            }
        }
    }

    /**
     * Calls {@code loader} whatever is shared now (a read the user asked to be fresh) and shares
     * its value from then on. A failure is not kept.
     */
    public <V> V refresh(String key, Supplier<V> loader) {
        if (!enabled) {
            return loader.get();
        }
        V value = loader.get();
        Entry mine = new Entry();
        mine.completedAt = clock.getAsLong();
        mine.future.complete(value);
        entries.put(key, mine);
        sweepIfLarge();
        return value;
    }

    /**
     * A share window in milliseconds from configuration: the Quarkus key (application.properties,
     * {@code -Dcoffer.aws.share-window-ms}) or its environment variable
     * ({@code COFFER_AWS_SHARE_WINDOW_MS}); the default when unset or not a number.
     */
    public static Duration windowFromConfig(String property, Duration fallback) {
        String raw = ConfigProvider.getConfig().getOptionalValue(property, String.class).orElse(null);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Duration.ofMillis(Math.max(0, Long.parseLong(raw.trim())));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** A key for a request made of parts (operation, name, version, ...); null parts are allowed. */
    public static String key(String... parts) {
        StringBuilder key = new StringBuilder();
        for (String p : parts) {
            // \u0000 cannot occur in names, so distinct requests never collide.
            key.append(p == null ? "\u0001" : p).append('\u0000');
        }
        return key.toString();
    }

    /** Forgets everything (used when the client closes). */
    public void clear() {
        entries.clear();
    }

    private void sweepIfLarge() {
        if (entries.size() <= SWEEP_ABOVE) {
            return;
        }
        long now = clock.getAsLong();
        entries.values().removeIf(e -> e.future.isDone() && !e.isFresh(now, windowNanos));
    }

    private static Object await(CompletableFuture<Object> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a shared call", e);
        } catch (ExecutionException e) {
            // Rethrow the loader's own exception so waiters see the same typed error.
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new CompletionException(cause);
        }
    }

    private static final class Entry {
        final CompletableFuture<Object> future = new CompletableFuture<>();
        volatile long completedAt;

        boolean isFresh(long now, long windowNanos) {
            return future.isDone() && !future.isCompletedExceptionally() && now - completedAt < windowNanos;
        }
    }
}
