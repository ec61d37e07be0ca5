package dev.coffer.provider;

/**
 * A failure talking to a backend. The message is shown to users in status conditions and
 * events, so it names keys, paths and stores, never secret values. The kind drives what the
 * reconciler does: NOT_FOUND feeds the deletion policy, INVALID_CONFIG is not retried hot,
 * the rest back off and retry.
 */
public class ProviderException extends RuntimeException {

    /** What went wrong, as far as the reconciler needs to know. */
    public enum Kind {
        /** The remote key, version or property does not exist. */
        NOT_FOUND,
        /** The credentials are valid but lack permission, or are rejected. */
        ACCESS_DENIED,
        /** The backend asked us to slow down. */
        THROTTLED,
        /** The store or reference is wrong in a way retrying cannot fix. */
        INVALID_CONFIG,
        /** The backend could not be reached or failed; retrying may help. */
        UNAVAILABLE
    }

    private final Kind kind;

    public ProviderException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ProviderException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static ProviderException notFound(String message) {
        return new ProviderException(Kind.NOT_FOUND, message);
    }

    public static ProviderException invalidConfig(String message) {
        return new ProviderException(Kind.INVALID_CONFIG, message);
    }

    public static ProviderException unavailable(String message, Throwable cause) {
        return new ProviderException(Kind.UNAVAILABLE, message, cause);
    }

    public static ProviderException accessDenied(String message) {
        return new ProviderException(Kind.ACCESS_DENIED, message);
    }

    public static ProviderException throttled(String message) {
        return new ProviderException(Kind.THROTTLED, message);
    }
}
