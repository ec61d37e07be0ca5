package dev.coffer.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer cache for watches that need to know which objects exist, not what they hold: it
 * keeps identity, labels and owner references, nothing of the spec, status or data. The
 * cluster-wide watches of Secrets and ExternalSecrets that serve PushSecrets, ClusterExternalSecrets
 * and deletion notices held a full copy of every object otherwise, values and managed fields
 * included (measured: a large part of the live heap per ExternalSecret, see the README's
 * "ExternalSecrets at scale"). Whoever needs the content reads it when it needs it.
 */
public final class MetadataOnlyItemStore<R extends HasMetadata> extends BasicItemStore<R> {

    private final Class<R> type;

    public MetadataOnlyItemStore(Class<R> type) {
        super(Cache::metaNamespaceKeyFunc);
        this.type = type;
    }

    @Override
    public R put(String key, R resource) {
        return super.put(key, slim(type, resource));
    }

    /** A new object of the same type carrying only what identifies and relates it. */
    static <R extends HasMetadata> R slim(Class<R> type, R resource) {
        R slim;
        try {
            slim = type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            // every resource class Coffer watches has a public no-argument constructor
            throw new IllegalStateException(type.getName() + " cannot be instantiated", e);
        }
        ObjectMeta from = resource.getMetadata();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(from.getName());
        meta.setNamespace(from.getNamespace());
        meta.setUid(from.getUid());
        meta.setResourceVersion(from.getResourceVersion());
        meta.setGeneration(from.getGeneration());
        meta.setDeletionTimestamp(from.getDeletionTimestamp());
        meta.setLabels(from.getLabels() == null || from.getLabels().isEmpty() ? null : from.getLabels());
        meta.setOwnerReferences(from.getOwnerReferences() == null || from.getOwnerReferences().isEmpty()
                ? null : from.getOwnerReferences());
        slim.setMetadata(meta);
        return slim;
    }
}
