package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.kube.SlimItemStore;
import dev.coffer.sealing.keys.KeyRing;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cache of the owned-Secret informer keeps metadata and type only: it exists to notice
 * changes and deletions, not to hold values in memory. Of the data it keeps a digest (SHA-256,
 * in memory only), so that an intact, stamped Secret is recognized without reading it again.
 */
final class MetadataOnlySecretStore extends BasicItemStore<Secret> {

    private final Map<String, byte[]> dataDigests = new ConcurrentHashMap<>();

    MetadataOnlySecretStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public Secret put(String key, Secret secret) {
        // the digest first: a reader between the two lines sees a mismatch, never a false match
        dataDigests.put(key, UnsealStamp.dataDigest(secret.getData()));
        Secret slim = new Secret();
        slim.setApiVersion(secret.getApiVersion());
        slim.setKind(secret.getKind());
        slim.setMetadata(SlimItemStore.slim(secret).getMetadata()); // without managedFields
        slim.setType(secret.getType());
        slim.setImmutable(secret.getImmutable());
        return super.put(key, slim);
    }

    @Override
    public Secret remove(String key) {
        Secret removed = super.remove(key);
        dataDigests.remove(key);
        return removed;
    }

    /**
     * Whether the informer has seen a Secret of this name. Only a hint: one created since may not
     * have reached the cache yet, so a create made on its word must still expect a conflict.
     */
    boolean holds(String namespace, String name) {
        return get(namespace + "/" + name) != null;
    }

    /** Whether the cached Secret of this name carries a current stamp for the SealedSecret. */
    boolean stampedFor(String namespace, String name, SealedSecret sealedSecret, KeyRing ring) {
        String key = namespace + "/" + name;
        Secret cached = get(key);
        byte[] digest = dataDigests.get(key);
        return cached != null && digest != null && UnsealStamp.matches(cached, digest, sealedSecret, ring);
    }
}
