package dev.coffer.sync;

import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.function.Supplier;

/**
 * A Kubernetes API call of the sync failed; {@link #operation()} says which one (reading the
 * store's credentials, a templateFrom source, the target Secret; writing the Secret), so the
 * condition does not blame a write for a failed read.
 */
public final class KubeOperationFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int code;

    public KubeOperationFailure(String operation, KubernetesClientException cause) {
        super("Kubernetes API error (HTTP " + cause.getCode() + ") while " + operation, cause);
        this.operation = operation;
        this.code = cause.getCode();
    }

    public String operation() {
        return operation;
    }

    public int code() {
        return code;
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
