package dev.coffer.kube;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Records Kubernetes Events on Coffer's objects. Messages come from the one place that formats
 * errors, and never hold secret values. A failure to record is logged, never fatal.
 */
public final class EventRecorder {

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final String COMPONENT = "coffer";

    private final KubernetesClient client;

    public EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    public void normal(HasMetadata involved, String reason, String message) {
        record(involved, "Normal", reason, message);
    }

    public void warning(HasMetadata involved, String reason, String message) {
        record(involved, "Warning", reason, message);
    }

    private void record(HasMetadata involved, String type, String reason, String message) {
        String ns = involved.getMetadata().getNamespace() == null ? "default" : involved.getMetadata().getNamespace();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        var event = new EventBuilder()
                .withNewMetadata().withNamespace(ns)
                .withName(involved.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 13).replace("-", ""))
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(involved.getApiVersion())
                        .withKind(involved.getKind()).withName(involved.getMetadata().getName())
                        .withNamespace(involved.getMetadata().getNamespace()).withUid(involved.getMetadata().getUid())
                        .build())
                .withType(type).withReason(reason).withMessage(message)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .build();
        try {
            client.v1().events().inNamespace(ns).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.debugf("could not record event %s on %s/%s: %s", reason, ns, involved.getMetadata().getName(), e.getStatus());
        }
    }
}
