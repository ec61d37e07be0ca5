package dev.coffer.provider;

/**
 * A failure talking to a backend. The message is shown to users in status conditions and
 * events, so it names keys, paths and stores, never secret values. The kind drives what the
 * reconciler does: NOT_FOUND feeds the deletion policy, INVALID_CONFIG is not retried hot,
 * the rest back off and retry.
 *
 * <p><b>The NOT_FOUND rule</b> (ESO's {@code NoSecretErr}): a provider raises NOT_FOUND only when
 * the remote secret itself does not exist: the key, name or path is unknown to the backend (a
 * 404 on the read of the secret, AWS {@code ResourceNotFoundException} or a secret marked for
 * deletion, SSM {@code ParameterNotFound}, a Vault KV version deleted or destroyed). Under
 * deletionPolicy Delete or Merge such an entry is skipped (a Normal {@code MissingProviderSecret}
 * event names it) and the others are still fetched; only when nothing at all is left does the
 * policy delete the Secret or remove its keys. Everything else is a plain sync error that keeps
 * the Secret as it is: a property missing from an existing secret, a secret without a value
 * (AWS with neither SecretString nor SecretBinary), metadata that cannot be read for a secret
 * whose data exists (a Vault metadata 404), a 404 from anything but the read of the secret
 * (a login path, an API endpoint). Those are MISSING_VALUE or INVALID_CONFIG, never NOT_FOUND:
 * a wrong NOT_FOUND deletes a Secret.
 */
public class ProviderException extends RuntimeException implements dev.coffer.failure.ExplainedError {

    /** What went wrong, as far as the reconciler needs to know. */
    public enum Kind {
        /** The remote secret itself does not exist (see the rule above). */
        NOT_FOUND,
        /** The remote secret exists but does not hold what was asked for: a property, a key, a value, its metadata. */
        MISSING_VALUE,
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

    /** The message after what kind of failure it is, e.g. "remote secret not found: key \"db\" ...". */
    @Override
    public String explanation() {
        String prefix = switch (kind) {
            case NOT_FOUND -> "remote secret not found: ";
            case MISSING_VALUE -> "remote secret incomplete: ";
            case ACCESS_DENIED -> "access denied by the provider: ";
            case THROTTLED -> "throttled by the provider, backing off: ";
            case INVALID_CONFIG -> "invalid provider configuration: ";
            case UNAVAILABLE -> "provider unavailable: ";
        };
        return prefix + getMessage();
    }

    /** Everything but a wrong configuration may pass later (a secret created, access granted, an outage over). */
    @Override
    public boolean retryable() {
        return kind != Kind.INVALID_CONFIG;
    }

    public static ProviderException notFound(String message) {
        return new ProviderException(Kind.NOT_FOUND, message);
    }

    public static ProviderException missingValue(String message) {
        return new ProviderException(Kind.MISSING_VALUE, message);
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
