package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;

/** Records the controller's {@code v1} Events on SealedSecrets, under upstream's component name. */
@ApplicationScoped
public class SealedSecretEvents {

    static final String COMPONENT = "sealed-secrets-controller";
    private final dev.coffer.kube.EventRecorder events;

    public SealedSecretEvents(KubernetesClient client) {
        this.events = new dev.coffer.kube.EventRecorder(client, COMPONENT);
    }

    public void record(SealedSecret about, Outcome outcome) {
        events.record(about, outcome.eventType(), outcome.reason(), outcome.message());
    }
}
