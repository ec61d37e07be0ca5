package dev.coffer.sync;

/** The target Secret cannot be written as asked (owned by someone else, immutable, absent for Merge). */
public class TargetConflictException extends InvalidSpecException {

    private final String reason;

    public TargetConflictException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The Ready condition reason to report. */
    @Override
    public java.util.Optional<String> reason() {
        return java.util.Optional.of(reason);
    }

    /** A missing Merge target may appear; anything else waits for a change. */
    @Override
    public boolean retryable() {
        return "SecretMissing".equals(reason);
    }

    /** Not the spec's fault as such: the message stands alone. */
    @Override
    public boolean invalidSpec() {
        return false;
    }
}
