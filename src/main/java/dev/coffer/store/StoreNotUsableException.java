package dev.coffer.store;

/**
 * The store an ExternalSecret names cannot be used now: missing, not Ready, or not allowed in
 * the namespace. Nothing is fetched; the store's own events wake the ExternalSecret again.
 */
public class StoreNotUsableException extends RuntimeException implements dev.coffer.failure.ExplainedError {

    public StoreNotUsableException(String message) {
        super(message);
    }

    @Override
    public String explanation() {
        return "could not get store: " + getMessage();
    }

    /**
     * Retried with backoff: it costs no provider call, and the store's own events may be missed
     * (a store re-applied without a spec change keeps its generation).
     */
    @Override
    public boolean retryable() {
        return true;
    }
}
