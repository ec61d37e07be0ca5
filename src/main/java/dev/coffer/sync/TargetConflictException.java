package dev.coffer.sync;

/** The target Secret cannot be written as asked (owned by someone else, immutable, absent for Merge). */
public class TargetConflictException extends InvalidSpecException {

    private final String reason;

    public TargetConflictException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The Ready condition reason to report. */
    public String reason() {
        return reason;
    }
}
