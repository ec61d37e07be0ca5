package dev.coffer.generator;

import dev.coffer.api.externalsecrets.v1.SecretStoreProvider;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.StoreIdentity;

/**
 * A generator that talks to a backend goes through that backend's provider code, which works on
 * a store. This is the store a generator stands for: named after the generator, so that a
 * ClusterGenerator resolves references like a ClusterSecretStore and a namespaced generator only
 * in its own namespace.
 */
public final class GeneratorStores {

    private GeneratorStores() {
    }

    public static StoreContext context(ResolvedGenerator g, GeneratorContext ctx, SecretStoreProvider provider) {
        SecretStoreSpec store = new SecretStoreSpec();
        store.provider = provider;
        StoreIdentity id = g.cluster() ? new StoreIdentity(StoreIdentity.CLUSTER_GENERATOR, null, g.name())
                : new StoreIdentity(g.kind(), ctx.namespace(), g.name());
        return new StoreContext(id, g.generation(), store, ctx.namespace(), ctx.kube());
    }
}
