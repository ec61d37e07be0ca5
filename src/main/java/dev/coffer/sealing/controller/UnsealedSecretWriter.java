package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Applies a {@link UnsealWritePlan} to the cluster: the only place that writes unsealed Secrets. */
@ApplicationScoped
public class UnsealedSecretWriter {

    private final KubernetesClient client;

    public UnsealedSecretWriter(KubernetesClient client) {
        this.client = client;
    }

    /** The Secret as it is in the cluster now, or null. */
    public Secret live(String namespace, String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    /**
     * Writes the desired Secret over {@code live} (as read just before), stamped when a stamp is
     * given; returns whether anything was written. A Secret that already holds what is desired is
     * left as it is, with one exception: one that has no stamp at all (written before stamps) gets
     * the stamp alone, once, so that later reconciliations need no RSA operation. A stale stamp on
     * the right content (the same values sealed again) stays: "the same values write nothing" wins,
     * at the price of unsealing that SealedSecret again on each restart until its values change.
     */
    public boolean write(SealedSecret owner, Secret desired, Secret live, Optional<UnsealStamp> stamp)
            throws NotManagedException {
        String ns = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        UnsealWritePlan plan = UnsealWritePlan.decide(owner, desired, UnsealStamp.without(live));
        if (plan.action() == UnsealWritePlan.Action.REFUSE) {
            throw new NotManagedException(plan.refusal());
        }
        if (plan.action() == UnsealWritePlan.Action.NONE && (stamp.isEmpty() || UnsealStamp.isStamped(live))) {
            return false;
        }
        Secret next = stamp.map(s -> s.on(plan.secret())).orElse(plan.secret());
        switch (plan.action()) {
            case CREATE -> client.secrets().inNamespace(ns).resource(next).create();
            case UPDATE -> client.secrets().inNamespace(ns).resource(next).update();
            case RECREATE -> {
                // Immutable data or a new type: only a new Secret can carry it.
                client.secrets().inNamespace(ns).withName(name).delete();
                client.secrets().inNamespace(ns).resource(next).create();
            }
            // NONE: the content is right; only the stamp is missing or stale
            default -> client.secrets().inNamespace(ns).resource(next).update();
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
