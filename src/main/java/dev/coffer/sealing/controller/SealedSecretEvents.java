package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.kube.QueuedEventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records the controller's {@code v1} Events on SealedSecrets, under upstream's component name.
 * Queued, as upstream's are: sending an Event never holds up the worker that unseals.
 */
@ApplicationScoped
public class SealedSecretEvents {

    static final String COMPONENT = "sealed-secrets-controller";
    private final QueuedEventRecorder events;

    public SealedSecretEvents(KubernetesClient client) {
        this.events = new QueuedEventRecorder(client, COMPONENT);
    }

    public void record(SealedSecret about, Outcome outcome) {
        events.record(about, outcome.eventType(), outcome.reason(), outcome.message());
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return events.dropped();
    }

    @PreDestroy
    void close() {
        events.close();
    }
}
