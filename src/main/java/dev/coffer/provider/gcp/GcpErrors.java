package dev.coffer.provider.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.auth.Retryable;
import dev.coffer.provider.ProviderException;

import java.io.IOException;

/**
 * Turns Secret Manager failures into typed {@link ProviderException}s. Messages carry the
 * operation, the secret and the gRPC code, never the server's text or the request (either could
 * quote a value). NOT_FOUND is decided by the caller, who knows whether the secret itself is
 * missing or only a version of it.
 */
final class GcpErrors {

    private GcpErrors() {
    }

    /** The gRPC code of an SDK failure, or null when it is not an API error. */
    static StatusCode.Code code(Throwable e) {
        ApiException api = find(e, ApiException.class);
        return api == null ? null : api.getStatusCode().getCode();
    }

    static ProviderException map(RuntimeException e, String operation, String subject) {
        ProviderException typed = find(e, ProviderException.class);
        if (typed != null) {
            return typed; // raised while getting a token, already typed
        }
        StatusCode.Code code = code(e);
        Retryable auth = find(e, Retryable.class);
        if (code == null && auth != null && !auth.isRetryable()) {
            // A token endpoint refused the credentials (an invalid or revoked key, a rejected exchange).
            return ProviderException.accessDenied(operation + " for " + subject + ": Google refused the store's"
                    + " credentials when asked for an access token; check the key or the workload identity binding");
        }
        if (code == null) {
            if (find(e, IOException.class) != null) {
                // Token endpoints are reached over HTTP by the auth library; their failures arrive as IOExceptions.
                return ProviderException.unavailable(operation + " for " + subject
                        + " failed: no Google access token could be obtained (token endpoint unreachable or refused)", null);
            }
            return ProviderException.unavailable(operation + " for " + subject + " failed unexpectedly ("
                    + e.getClass().getSimpleName() + ")", null);
        }
        String tail = " (" + code + ")";
        return switch (code) {
            case NOT_FOUND -> ProviderException.notFound(subject + " not found" + tail);
            case PERMISSION_DENIED, UNAUTHENTICATED -> ProviderException.accessDenied(operation + " for " + subject
                    + " was denied" + tail + "; check the store's credentials and the IAM bindings"
                    + " (roles/secretmanager.secretAccessor)");
            case RESOURCE_EXHAUSTED -> ProviderException.throttled(operation + " for " + subject
                    + " hit a Secret Manager quota even after retries" + tail + "; backing off");
            case UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, UNKNOWN, ABORTED, CANCELLED, DATA_LOSS ->
                    ProviderException.unavailable(operation + " for " + subject + " failed on the Google side or"
                            + " could not reach it" + tail, null);
            default -> ProviderException.invalidConfig(operation + " for " + subject + " was rejected by Secret Manager" + tail);
        };
    }

    static <T> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
