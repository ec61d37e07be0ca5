package dev.coffer.failure;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The one path from an error to what users see, for every controller: the condition reason, a
 * one-line message without secret values, whether retrying with backoff ({@link RetryBackoff})
 * can help, and whether the error was unexpected (then, and only then, worth a stack trace in
 * the operator log). Controllers differ only in their words ({@link Vocabulary}: ESO's and
 * sealed-secrets' reasons, which users' tooling watches); the same failure reads the same on each.
 */
public record FailureReport(String reason, String message, boolean retryable, boolean unexpected) {

    public FailureReport(String reason, String message, boolean retryable) {
        this(reason, message, retryable, false);
    }

    /**
     * A controller's words for failures.
     *
     * @param errorReason       the condition reason for a failure that has none of its own
     * @param invalidSpecPrefix put before the explanation of an invalid spec (e.g. "invalid ExternalSecret: "), or ""
     */
    public record Vocabulary(String errorReason, String invalidSpecPrefix) {
    }

    public static FailureReport of(Throwable error, Vocabulary words) {
        Throwable e = unwrap(error);
        if (e instanceof ExplainedError x) {
            String message = x.invalidSpec() ? words.invalidSpecPrefix() + x.explanation() : x.explanation();
            return new FailureReport(x.reason().orElse(words.errorReason()), message, x.retryable());
        }
        if (e instanceof KubernetesClientException k) {
            // a call no step named: say what failed, not a guess at which call it was
            return new FailureReport(words.errorReason(), KubeOperationFailure.describe(k), true);
        }
        // Unknown errors may carry arbitrary text; show only their type.
        return new FailureReport(words.errorReason(), "internal error (" + e.getClass().getSimpleName() + "); see the operator log",
                true, true);
    }

    /** The first error in the cause chain that can explain itself (or a Kubernetes API error), else the error itself. */
    private static Throwable unwrap(Throwable e) {
        for (Throwable cur = e; cur != null; cur = cur.getCause() == cur ? null : cur.getCause()) {
            if (cur instanceof ExplainedError || cur instanceof KubernetesClientException) {
                return cur;
            }
        }
        return e;
    }
}
