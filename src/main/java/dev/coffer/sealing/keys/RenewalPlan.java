package dev.coffer.sealing.keys;

import dev.coffer.sealing.SealingKey;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** When the next key is due. Pure. */
public final class RenewalPlan {

    private RenewalPlan() {
    }

    /** At start-up: a key is needed now when there is none, or the newest predates the cut-off. */
    public static boolean keyNeededAtStartup(KeyRing ring, Optional<Instant> cutoff) {
        Optional<SealingKey> newest = ring.newest();
        return newest.isEmpty() || cutoff.isPresent() && newest.get().createdAt().isBefore(cutoff.get());
    }

    /** How long until the next renewal; empty when renewal is disabled (period 0). Zero when overdue. */
    public static Optional<Duration> untilNextRenewal(KeyRing ring, Duration period, Instant now) {
        if (period.isZero() || period.isNegative()) {
            return Optional.empty();
        }
        Instant due = ring.newest().map(k -> k.createdAt().plus(period)).orElse(now);
        Duration wait = Duration.between(now, due);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }

    /**
     * The notBefore of a new key: now (certificates keep whole seconds), but always after the
     * newest key's, so that the new key is the newest even when two are made in the same second.
     */
    public static Instant notBeforeOfNewKey(KeyRing ring, Instant now) {
        Instant candidate = now.truncatedTo(ChronoUnit.SECONDS);
        Optional<Instant> newest = ring.newest().map(SealingKey::createdAt);
        return newest.isPresent() && !candidate.isAfter(newest.get())
                ? newest.get().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1) : candidate;
    }
}
