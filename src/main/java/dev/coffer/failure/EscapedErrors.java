package dev.coffer.failure;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * What a controller tells JOSDK when an error escapes its reconcile. Coffer's reconcilers turn
 * their own failures into conditions, so what escapes is in practice the status patch JOSDK makes
 * after a reconcile (a 409, a 500, no answer). Left to JOSDK, that is a WARN with the client's
 * stack trace and JOSDK's own retry; here it is one line through {@link FailureReport} and a
 * retry after the shared {@link RetryBackoff}. The status is not patched again from here: the
 * retry reconciles, and writes it, again. Nothing was lost: a failed status patch leaves the
 * Secret as the reconcile wrote it.
 *
 * <p>The backoff runs under its own key ({@link #statusKey}): a reconcile that succeeds resets
 * the resource's own key before JOSDK patches the status, so sharing it would retry a status
 * that keeps failing every second. Controllers reset the status key once a reconcile finds the
 * status written (nothing due), and on deletion.
 */
public final class EscapedErrors {

    private EscapedErrors() {
    }

    /** The backoff key of a resource's failed status patches. */
    public static String statusKey(HasMetadata resource) {
        return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName() + " status";
    }

    public static <P extends HasMetadata> ErrorStatusUpdateControl<P> retryLater(P resource, Exception error,
                                                                               FailureReport.Vocabulary words,
                                                                               RetryBackoff backoff, Logger log) {
        String id = resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
        Exception named = error instanceof KubernetesClientException k ? new KubeOperationFailure("updating its status", k) : error;
        FailureReport failure = FailureReport.of(named, words);
        // what escapes is the status patch: even an error of no known kind (a client closed by a
        // shutdown) is that, and is named by its type alone
        String message = failure.unexpected()
                ? "could not update its status (" + error.getClass().getSimpleName() + ")" : failure.message();
        Duration next = backoff.next(statusKey(resource));
        log.warnf("%s %s: %s; retrying in %d ms", resource.getKind(), id, message, next.toMillis());
        if (failure.unexpected()) {
            log.debugf(error, "%s %s: the error of no known kind, for debugging", resource.getKind(), id);
        }
        return ErrorStatusUpdateControl.<P>noStatusUpdate().withNoRetry().rescheduleAfter(next);
    }
}
