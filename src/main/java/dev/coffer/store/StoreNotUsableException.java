package dev.coffer.store;

/**
 * The store an ExternalSecret names cannot be used now: missing, not Ready, or not allowed in
 * the namespace. Nothing is fetched; the store's own events wake the ExternalSecret again.
 */
public class StoreNotUsableException extends RuntimeException {

    public StoreNotUsableException(String message) {
        super(message);
    }
}
