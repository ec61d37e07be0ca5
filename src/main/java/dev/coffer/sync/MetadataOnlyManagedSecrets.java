package dev.coffer.sync;

import dev.coffer.kube.SlimItemStore;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The managed-Secret informer's cache keeps metadata and type only: it is there to notice drift
 * and deletions, not to hold every synced value in the operator's heap. Of the data it keeps
 * ESO's data hash, so an intact Secret is recognised without reading it; a sync reads the
 * Secret it writes from the API server ({@link #isWhole}).
 */
final class MetadataOnlyManagedSecrets extends BasicItemStore<Secret> {

    private final Map<String, String> dataHashes = new ConcurrentHashMap<>();

    MetadataOnlyManagedSecrets() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public Secret put(String key, Secret secret) {
        // the hash first: a reader between the two lines sees a mismatch, never a false match
        dataHashes.put(key, ManagedSecret.dataHash(secret.getData()));
        return super.put(key, SlimItemStore.slim(new SecretBuilder(secret).withData(null).withStringData(null).build()));
    }

    @Override
    public Secret remove(String key) {
        Secret removed = super.remove(key);
        dataHashes.remove(key);
        return removed;
    }

    /**
     * Whether a Secret the informer gave out still is what Coffer last wrote: by the hash kept for
     * this cache's own slim copy, or from the data of a whole one (the informer serves the Secret
     * Coffer just wrote until its watch event arrives).
     */
    boolean isIntact(Secret cached) {
        if (cached == null) {
            return false;
        }
        if (!isSlimCopy(cached)) {
            return ManagedSecret.isIntact(cached);
        }
        String hash = dataHashes.get(Cache.metaNamespaceKeyFunc(cached));
        return hash != null && ManagedSecret.isIntact(cached, hash);
    }

    /** Whether {@code cached} carries its data (otherwise it is this cache's slim copy). */
    boolean isWhole(Secret cached) {
        return cached != null && !isSlimCopy(cached);
    }

    private boolean isSlimCopy(Secret cached) {
        return get(Cache.metaNamespaceKeyFunc(cached)) == cached;
    }
}
