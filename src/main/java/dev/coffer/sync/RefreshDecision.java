package dev.coffer.sync;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether to sync now, and when to look again. {@code requeueAfter} empty means no periodic
 * refresh (refreshInterval 0, CreatedOnce, OnChange): only a change wakes the ExternalSecret.
 */
public record RefreshDecision(boolean syncNow, String why, Optional<Duration> requeueAfter) {

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
