package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Records {@code v1} Events on SealedSecrets. A failure to record is logged, never fatal. */
@ApplicationScoped
public class EventRecorder {

    static final String COMPONENT = "sealed-secrets-controller";
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    private final KubernetesClient client;

    public EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    public void record(SealedSecret about, Outcome outcome) {
        String now = Instant.now().toString();
        Event event = new EventBuilder()
                .withNewMetadata()
                .withGenerateName(about.getMetadata().getName() + ".")
                .withNamespace(about.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(SealedSecret.API_VERSION)
                .withKind(SealedSecret.KIND)
                .withName(about.getMetadata().getName())
                .withNamespace(about.getMetadata().getNamespace())
                .withUid(about.getMetadata().getUid())
                .withResourceVersion(about.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType(outcome.eventType())
                .withReason(outcome.reason())
                .withMessage(outcome.message())
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(about.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s on %s/%s: %s", outcome.reason(),
                    about.getMetadata().getNamespace(), about.getMetadata().getName(), e.getMessage());
        }
    }
}
