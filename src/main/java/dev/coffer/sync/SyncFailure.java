package dev.coffer.sync;

import dev.coffer.provider.ProviderException;
import dev.coffer.store.StoreNotUsableException;

/**
 * The one place that turns an error into what users see: the Ready reason, a message without
 * secret values, and whether retrying with backoff can help. Reconcilers do not format errors.
 */
public record SyncFailure(String reason, String message, boolean retryable, boolean unexpected) {

    public SyncFailure(String reason, String message, boolean retryable) {
        this(reason, message, retryable, false);
    }

    public static final String REASON_ERROR = "SecretSyncedError";

    public static SyncFailure of(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof TargetConflictException c) {
            return new SyncFailure(c.reason(), c.getMessage(), "SecretMissing".equals(c.reason()));
        }
        if (e instanceof InvalidSpecException) {
            return new SyncFailure(REASON_ERROR, "invalid ExternalSecret: " + e.getMessage(), false);
        }
        if (e instanceof StoreNotUsableException) {
            // Retried with backoff: it costs no provider call, and the store's own events may be
            // missed (a store re-applied without a spec change keeps its generation).
            return new SyncFailure(REASON_ERROR, "could not get store: " + e.getMessage(), true);
        }
        if (e instanceof ProviderException p) {
            String prefix = switch (p.kind()) {
                case NOT_FOUND -> "remote secret not found: ";
                case MISSING_VALUE -> "remote secret incomplete: ";
                case ACCESS_DENIED -> "access denied by the provider: ";
                case THROTTLED -> "throttled by the provider, backing off: ";
                case INVALID_CONFIG -> "invalid provider configuration: ";
                case UNAVAILABLE -> "provider unavailable: ";
            };
            return new SyncFailure(REASON_ERROR, prefix + p.getMessage(), p.kind() != ProviderException.Kind.INVALID_CONFIG);
        }
        if (e instanceof KubeOperationFailure op) {
            return new SyncFailure(REASON_ERROR, op.getMessage(), true);
        }
        if (e instanceof io.fabric8.kubernetes.client.KubernetesClientException k) {
            // a call no step named: say what failed, not a guess at which call it was
            return new SyncFailure(REASON_ERROR, KubeOperationFailure.describe(k), true);
        }
        // Unknown errors may carry arbitrary text; show only their type.
        return new SyncFailure(REASON_ERROR, "internal error (" + e.getClass().getSimpleName() + "); see the operator log", true, true);
    }

    /** The first error in the cause chain that this class knows how to describe, else the error itself. */
    private static Throwable unwrap(Throwable e) {
        for (Throwable cur = e; cur != null; cur = cur.getCause() == cur ? null : cur.getCause()) {
            if (cur instanceof KubeOperationFailure || cur instanceof InvalidSpecException || cur instanceof StoreNotUsableException
                    || cur instanceof ProviderException
                    || cur instanceof io.fabric8.kubernetes.client.KubernetesClientException) {
                return cur;
            }
        }
        return e;
    }
}
