package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;

/** Applies a {@link WritePlan} to the cluster: the only place that writes unsealed Secrets. */
@ApplicationScoped
public class SecretWriter {

    private final KubernetesClient client;

    public SecretWriter(KubernetesClient client) {
        this.client = client;
    }

    /** Writes the desired Secret; returns whether anything was written. */
    public boolean write(SealedSecret owner, Secret desired) throws NotManagedException {
        String ns = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        Secret live = client.secrets().inNamespace(ns).withName(name).get();
        WritePlan plan = WritePlan.decide(owner, desired, live);
        switch (plan.action()) {
            case CREATE -> client.secrets().inNamespace(ns).resource(plan.secret()).create();
            case UPDATE -> client.secrets().inNamespace(ns).resource(plan.secret()).update();
            case RECREATE -> {
                // Immutable data or a new type: only a new Secret can carry it.
                client.secrets().inNamespace(ns).withName(name).delete();
                client.secrets().inNamespace(ns).resource(plan.secret()).create();
            }
            case REFUSE -> throw new NotManagedException(plan.refusal());
            case NONE -> {
                return false;
            }
        }
        return true;
    }

    /** The Secret exists and belongs to someone else. */
    public static final class NotManagedException extends Exception {
        public NotManagedException(String message) {
            super(message, null, false, false);
        }
    }
}
