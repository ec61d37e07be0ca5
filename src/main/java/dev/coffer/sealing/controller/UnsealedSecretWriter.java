package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.HttpURLConnection;
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
     * Writes the desired Secret over {@code live} (as read just before, or null when the informer's
     * cache has not seen it: a Secret that exists all the same is then read and written over, one
     * request later), stamped when a stamp is
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
        // stamped on a copy: the desired Secret stays as asked, to plan again over a Secret found existing
        Secret next = stamp.map(s -> s.on(new SecretBuilder(plan.secret()).build())).orElse(plan.secret());
        switch (plan.action()) {
            case CREATE -> {
                Secret existing = createUnlessExists(next);
                if (existing != null) {
                    return write(owner, desired, existing, stamp);
                }
            }
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

    /**
     * Creates the Secret without a read first; returns null, or the Secret that exists already
     * under its name (created since the cache looked). Never null twice in a row for one write:
     * the Secret that is read back is planned over, not created again.
     */
    private Secret createUnlessExists(Secret next) {
        String ns = next.getMetadata().getNamespace();
        try {
            client.secrets().inNamespace(ns).resource(next).create();
            return null;
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            Secret existing = live(ns, next.getMetadata().getName());
            if (existing == null) {
                throw e; // gone again since: the retry of the reconciliation plans afresh
            }
            return existing;
        }
    }

    /** The Secret exists and belongs to someone else. */
    public static final class NotManagedException extends Exception {
        public NotManagedException(String message) {
            super(message, null, false, false);
        }
    }
}
