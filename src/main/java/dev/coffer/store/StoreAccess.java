package dev.coffer.store;

import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.Condition;
import dev.coffer.api.externalsecrets.v1.SecretStoreRef;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import dev.coffer.api.externalsecrets.v1.SecretStoreStatus;
import dev.coffer.api.externalsecrets.v1.StoreKind;
import dev.coffer.kube.Conditions;
import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.Provider;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.StoreIdentity;
import dev.coffer.provider.ClientSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;

import java.util.Map;

/**
 * Resolves the stores one ExternalSecret uses and hands out their cached clients. It enforces
 * the store kind, the ClusterSecretStore namespace conditions and the flood gate: no provider
 * call goes through a store that is not Ready.
 */
public final class StoreAccess implements ClientSource {

    private final String namespace;
    private final StoreLookup lookup;
    private final ProviderRegistry registry;
    private final ClientCache cache;
    private final KubeAccess kube;
    private final boolean requireReady;

    /**
     * @param requireReady true in the operator; false in {@code render}, where stores come from
     *                     files without a status and are validated on the spot instead
     */
    public StoreAccess(String namespace, StoreLookup lookup, ProviderRegistry registry, ClientCache cache,
                       KubeAccess kube, boolean requireReady) {
        this.namespace = namespace;
        this.lookup = lookup;
        this.registry = registry;
        this.cache = cache;
        this.kube = kube;
        this.requireReady = requireReady;
    }

    @Override
    public SecretsClient clientFor(SecretStoreRef ref) {
        StoreContext ctx = resolve(ref);
        Provider provider = registry.forBlock(ctx.spec().provider);
        if (!requireReady) {
            provider.validate(ctx);
        }
        return cache.get(ctx, provider);
    }

    /** Finds the store and checks it may serve this namespace now. */
    public StoreContext resolve(SecretStoreRef ref) {
        boolean cluster = ref.kind == StoreKind.ClusterSecretStore;
        HasMetadata store;
        SecretStoreSpec spec;
        SecretStoreStatus status;
        StoreIdentity id;
        if (cluster) {
            ClusterSecretStore css = lookup.clusterSecretStore(ref.name).orElseThrow(() ->
                    new StoreNotUsableException("ClusterSecretStore \"" + ref.name + "\" not found"));
            // The namespace's labels matter only to a namespaceSelector: read them only then.
            boolean selectsByLabel = css.getSpec().conditions != null
                    && css.getSpec().conditions.stream().anyMatch(c -> c != null && c.namespaceSelector != null);
            Map<String, String> labels = !selectsByLabel ? Map.of() : lookup.namespace(namespace)
                    .map(Namespace::getMetadata).map(m -> m.getLabels()).orElse(Map.of());
            if (!NamespaceConditions.allows(css.getSpec().conditions, namespace, labels)) {
                throw new StoreNotUsableException("ClusterSecretStore \"" + ref.name
                        + "\" does not allow namespace \"" + namespace + "\" (spec.conditions)");
            }
            store = css;
            spec = css.getSpec();
            status = css.getStatus();
            id = new StoreIdentity(StoreIdentity.CLUSTER_SECRET_STORE, null, ref.name);
        } else {
            var ss = lookup.secretStore(namespace, ref.name).orElseThrow(() ->
                    new StoreNotUsableException("SecretStore \"" + ref.name + "\" not found in namespace \""
                            + namespace + "\"" + hintIfCluster(ref.name)));
            store = ss;
            spec = ss.getSpec();
            status = ss.getStatus();
            id = new StoreIdentity(StoreIdentity.SECRET_STORE, namespace, ref.name);
        }
        if (spec == null) {
            throw new StoreNotUsableException(id + " has no spec");
        }
        if (requireReady) {
            Condition ready = Conditions.find(status == null ? null : status.conditions, "Ready").orElse(null);
            if (ready == null || !"True".equals(ready.status)) {
                String why = ready == null || ready.message == null ? "not validated yet" : ready.message;
                throw new StoreNotUsableException(id + " is not ready: " + why);
            }
        }
        long generation = store.getMetadata().getGeneration() == null ? 0 : store.getMetadata().getGeneration();
        return new StoreContext(id, generation, spec, namespace, kube);
    }

    private String hintIfCluster(String name) {
        return lookup.clusterSecretStore(name).isPresent()
                ? "; a ClusterSecretStore of that name exists: set secretStoreRef.kind: ClusterSecretStore" : "";
    }
}
