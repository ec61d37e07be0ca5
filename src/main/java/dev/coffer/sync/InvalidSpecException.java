package dev.coffer.sync;

/**
 * The ExternalSecret itself is wrong (conflicting policies, a bad interval or regexp, a
 * template that does not parse). Retrying cannot fix it, so it is reported once, not retried hot.
 */
public class InvalidSpecException extends RuntimeException implements dev.coffer.failure.ExplainedError {

    public InvalidSpecException(String message) {
        super(message);
    }

    @Override
    public String explanation() {
        return getMessage();
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public boolean invalidSpec() {
        return true;
    }
}
