package dev.coffer.rollout;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * Turns Secret events into pending restarts. Only a change of a Secret's data counts: the
 * informer also reports label, annotation and resync events, which must not restart anything.
 * The informer's cache holds no data, so the old and new Secret are told apart by the digest
 * the cache keeps ({@link SecretMetadataStore#digest}). A Secret being created or deleted restarts nothing, as with Reloader's defaults
 * (its pods could not have started without it, and cannot start without it again).
 */
final class SecretChangeHandler implements ResourceEventHandler<Secret> {

    private final WorkloadIndex index;
    private final Debouncer<WorkloadRef> debouncer;

    SecretChangeHandler(WorkloadIndex index, Debouncer<WorkloadRef> debouncer) {
        this.index = index;
        this.debouncer = debouncer;
    }

    @Override
    public void onAdd(Secret secret) {
        // a Secret created restarts nothing
    }

    @Override
    public void onUpdate(Secret oldSecret, Secret secret) {
        if (SecretMetadataStore.digest(oldSecret).equals(SecretMetadataStore.digest(secret))) {
            return;
        }
        String ns = secret.getMetadata().getNamespace();
        String name = secret.getMetadata().getName();
        for (WorkloadIndex.Watched w : index.watchersOf(ns, name)) {
            if (w.policy().counts(name, w.referenced(), secret.getMetadata().getAnnotations())) {
                debouncer.offer(w.ref(), name);
            }
        }
    }

    @Override
    public void onDelete(Secret secret, boolean deletedFinalStateUnknown) {
        // a Secret deleted restarts nothing
    }
}
