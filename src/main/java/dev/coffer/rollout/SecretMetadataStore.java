package dev.coffer.rollout;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

import java.util.HashMap;
import java.util.Map;

/**
 * The cache of the rollout Secret informer: metadata only, never the data. It also drops what
 * in the metadata can hold values: {@code kubectl.kubernetes.io/last-applied-configuration}
 * (a Secret applied with kubectl carries its whole manifest there) and managedFields. The data
 * of a Secret is read from the API server only when a workload that restarts for it is evaluated.
 *
 * <p>To tell a change of data from a change of metadata later, the slim copy carries a keyed
 * digest of the data (see {@link SecretDataHash}) in {@value #DIGEST}, in memory only.
 */
final class SecretMetadataStore extends BasicItemStore<Secret> {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    static final String DIGEST = "coffer.dev/cached-data-digest";

    SecretMetadataStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public Secret put(String key, Secret secret) {
        return super.put(key, slim(secret));
    }

    static Secret slim(Secret secret) {
        ObjectMeta m = secret.getMetadata();
        Map<String, String> annotations = m.getAnnotations() == null ? new HashMap<>() : new HashMap<>(m.getAnnotations());
        annotations.remove(LAST_APPLIED);
        annotations.put(DIGEST, digest(secret));
        Secret slim = new Secret();
        slim.setApiVersion(secret.getApiVersion());
        slim.setKind(secret.getKind());
        slim.setType(secret.getType());
        slim.setMetadata(new ObjectMetaBuilder().withName(m.getName()).withNamespace(m.getNamespace())
                .withUid(m.getUid()).withResourceVersion(m.getResourceVersion()).withLabels(m.getLabels())
                .withAnnotations(annotations).withCreationTimestamp(m.getCreationTimestamp())
                .withDeletionTimestamp(m.getDeletionTimestamp()).build());
        return slim;
    }

    /** The digest of the Secret's data: the one a slim copy carries, or computed from the data of a full one. */
    static String digest(Secret secret) {
        Map<String, String> a = secret.getMetadata().getAnnotations();
        String cached = a == null ? null : a.get(DIGEST);
        return cached != null ? cached : SecretDataHash.of(Map.of(secret.getMetadata().getName(), secret));
    }
}
