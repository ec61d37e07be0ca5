package dev.coffer.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Records Kubernetes Events on Coffer's objects. Messages come from the one place that formats
 * errors, and never hold secret values. A failure to record is logged, never fatal.
 */
public final class EventRecorder {

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final String component;
    /** Where {@link #record} hands Events over, or null to send them on the caller's thread. */
    private final QueuedEventRecorder queue;

    /** Sends each Event on the caller's thread. @param component the event source, as {@code kubectl describe} shows it */
    public EventRecorder(KubernetesClient client, String component) {
        this(client, component, null);
    }

    private EventRecorder(KubernetesClient client, String component, QueuedEventRecorder queue) {
        this.client = client;
        this.component = component;
        this.queue = queue;
    }

    /**
     * A recorder whose Events are sent off the caller's thread ({@link QueuedEventRecorder}), as
     * client-go's broadcaster sends upstream's: a reconcile does not wait for its Event, and an
     * Event the API server is too slow for is dropped, never waited for.
     */
    public static EventRecorder queued(KubernetesClient client, String component) {
        return new EventRecorder(client, component, new QueuedEventRecorder(client, component));
    }

    public void normal(HasMetadata involved, String reason, String message) {
        record(involved, "Normal", reason, message);
    }

    public void warning(HasMetadata involved, String reason, String message) {
        record(involved, "Warning", reason, message);
    }

    /** Events dropped because the queue was full; 0 for a recorder that sends on the caller's thread. */
    public long dropped() {
        return queue == null ? 0 : queue.dropped();
    }

    /** Sends what is queued, for a short while at most, then stops; nothing for a recorder without a queue. */
    public void close() {
        if (queue != null) {
            queue.close();
        }
    }

    public void record(HasMetadata involved, String type, String reason, String message) {
        if (queue != null) {
            queue.record(involved, type, reason, message);
        } else {
            send(event(involved, type, reason, message));
        }
    }

    /** The Event as {@link #record} would create it, built now from the object as it is now. */
    Event event(HasMetadata involved, String type, String reason, String message) {
        String ns = involved.getMetadata().getNamespace() == null ? "default" : involved.getMetadata().getNamespace();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return new EventBuilder()
                .withNewMetadata().withNamespace(ns).withGenerateName(involved.getMetadata().getName() + ".").endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(involved.getApiVersion())
                        .withKind(involved.getKind()).withName(involved.getMetadata().getName())
                        .withNamespace(involved.getMetadata().getNamespace()).withUid(involved.getMetadata().getUid())
                        .withResourceVersion(involved.getMetadata().getResourceVersion())
                        .build())
                .withType(type).withReason(reason).withMessage(message)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent(component).endSource().withReportingComponent(component)
                .build();
    }

    /** Creates the Event; a failure is logged at debug level and otherwise ignored. */
    void send(Event event) {
        String ns = event.getMetadata().getNamespace();
        try {
            client.v1().events().inNamespace(ns).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.debugf("could not record event %s on %s/%s: %s", event.getReason(), ns,
                    event.getInvolvedObject().getName(), e.getStatus());
        }
    }
}
