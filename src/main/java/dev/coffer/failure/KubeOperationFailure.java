package dev.coffer.failure;

import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.function.Supplier;

/**
 * A Kubernetes API call of the sync failed; {@link #operation()} says which one (reading the
 * store's credentials, a templateFrom source, the target Secret; writing the Secret), so the
 * condition does not blame a write for a failed read.
 */
public final class KubeOperationFailure extends RuntimeException implements ExplainedError {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int code;

    public KubeOperationFailure(String operation, KubernetesClientException cause) {
        super(describe(cause) + " while " + operation, cause);
        this.operation = operation;
        this.code = cause.getCode();
    }

    public String operation() {
        return operation;
    }

    public int code() {
        return code;
    }

    @Override
    public String explanation() {
        return getMessage();
    }

    /** The API server refused or did not answer: the same call later may pass. */
    @Override
    public boolean retryable() {
        return true;
    }

    /**
     * What the API server said: its HTTP status, or, for a call it never answered (a dropped
     * connection, a timeout, a client closed by a shutdown; the client reports code -1 then),
     * that there was no answer and the type of what ended the call. Never the client's own text.
     */
    public static String describe(KubernetesClientException e) {
        if (e.getCode() > 0) {
            return "Kubernetes API error (HTTP " + e.getCode() + ")";
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return "no answer from the Kubernetes API (" + cause.getClass().getSimpleName() + ")";
    }

    /** Runs a call, naming it if the API server refuses it. */
    public static <T> T during(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw new KubeOperationFailure(operation, e);
        }
    }
}
