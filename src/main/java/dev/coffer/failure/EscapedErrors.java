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
 */
public final class EscapedErrors {

    private EscapedErrors() {
    }

    public static <P extends HasMetadata> ErrorStatusUpdateControl<P> retryLater(P resource, Exception error,
                                                                               FailureReport.Vocabulary words,
                                                                               RetryBackoff backoff, Logger log) {
        String id = resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
        Exception named = error instanceof KubernetesClientException k ? new KubeOperationFailure("updating its status", k) : error;
        FailureReport failure = FailureReport.of(named, words);
        Duration next = backoff.next(id);
        if (failure.unexpected()) {
            log.errorf(error, "%s %s: unexpected error; retrying in %d ms", resource.getKind(), id, next.toMillis());
        } else {
            log.warnf("%s %s: %s; retrying in %d ms", resource.getKind(), id, failure.message(), next.toMillis());
        }
        return ErrorStatusUpdateControl.<P>noStatusUpdate().withNoRetry().rescheduleAfter(next);
    }
}
