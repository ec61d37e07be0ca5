package dev.coffer.sealing.controller;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * The cache of the owned-Secret informer keeps metadata and type only: it exists to notice
 * changes and deletions, not to hold values in memory. The writer reads the live Secret itself.
 */
final class MetadataOnlySecretStore extends BasicItemStore<Secret> {

    MetadataOnlySecretStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public Secret put(String key, Secret secret) {
        Secret slim = new Secret();
        slim.setApiVersion(secret.getApiVersion());
        slim.setKind(secret.getKind());
        slim.setMetadata(secret.getMetadata());
        slim.setType(secret.getType());
        slim.setImmutable(secret.getImmutable());
        return super.put(key, slim);
    }
}
