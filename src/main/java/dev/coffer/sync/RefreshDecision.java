package dev.coffer.sync;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether to sync now, and when to look again. {@code requeueAfter} empty means no periodic
 * refresh (refreshInterval 0, CreatedOnce, OnChange): only a change wakes the ExternalSecret.
 */
public record RefreshDecision(boolean syncNow, String why, Optional<Duration> requeueAfter) {

    /** The user changed the spec or the metadata (the force-sync annotation among them). */
    static final String CHANGED = "spec or metadata changed";

    /** A sync the user asked for reads the provider afresh rather than share a recent read. */
    public boolean wantsFreshReads() {
        return syncNow && CHANGED.equals(why);
    }

    static RefreshDecision sync(String why) {
        return new RefreshDecision(true, why, Optional.empty());
    }

    static RefreshDecision waitFor(Duration d) {
        return new RefreshDecision(false, "still fresh", Optional.of(d));
    }

    static RefreshDecision never(String why) {
        return new RefreshDecision(false, why, Optional.empty());
    }
}
