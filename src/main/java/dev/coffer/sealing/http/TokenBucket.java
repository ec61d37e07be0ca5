package dev.coffer.sealing.http;

import java.util.function.LongSupplier;

/** A token bucket: {@code burst} tokens at most, refilled at {@code ratePerSecond}. Thread-safe. */
public final class TokenBucket {

    private final double ratePerNano;
    private final double capacity;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    public TokenBucket(double ratePerSecond, int burst, LongSupplier nanoClock) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = Math.max(1, burst);
        this.nanoClock = nanoClock;
        this.tokens = capacity;
        this.last = nanoClock.getAsLong();
    }

    public synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
