package dev.coffer.sync;

import dev.coffer.failure.FailureReport;

/**
 * The ExternalSecret controller's words for failures (ESO's {@code SecretSyncedError}, "invalid
 * ExternalSecret: ..."); the mapping itself is the one every controller uses, {@link FailureReport}.
 */
public final class SyncFailure {

    public static final String REASON_ERROR = "SecretSyncedError";
    public static final FailureReport.Vocabulary WORDS = new FailureReport.Vocabulary(REASON_ERROR, "invalid ExternalSecret: ");

    private SyncFailure() {
    }

    public static FailureReport of(Throwable error) {
        return FailureReport.of(error, WORDS);
    }
}
