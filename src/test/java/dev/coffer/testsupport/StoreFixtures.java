package dev.coffer.testsupport;

import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.StoreIdentity;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Store contexts for provider tests, generation 1: from a spec, or from YAML manifests written as
 * users write them, so a provider test reads like the store it exercises.
 */
public final class StoreFixtures {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private StoreFixtures() {
    }

    /** A SecretStore {@code namespace/name}; it serves ExternalSecrets of its own namespace. */
    public static StoreContext secretStore(String namespace, String name, SecretStoreSpec spec, KubeAccess kube) {
        return new StoreContext(new StoreIdentity(StoreIdentity.SECRET_STORE, namespace, name), 1, spec, namespace, kube);
    }

    /** A ClusterSecretStore {@code name} serving an ExternalSecret in {@code consumerNamespace}. */
    public static StoreContext clusterStore(String name, SecretStoreSpec spec, String consumerNamespace, KubeAccess kube) {
        return new StoreContext(new StoreIdentity(StoreIdentity.CLUSTER_SECRET_STORE, null, name), 1, spec,
                consumerNamespace, kube);
    }

    public static StoreContext context(SecretStore store, KubeAccess kube) {
        return secretStore(store.getMetadata().getNamespace(), store.getMetadata().getName(), store.getSpec(), kube);
    }

    /**
     * A context for a SecretStore or ClusterSecretStore manifest. For a cluster store, references
     * without a namespace resolve in {@code consumerNamespace}; for a SecretStore it is ignored.
     */
    public static StoreContext context(String manifest, KubeAccess kube, String consumerNamespace) {
        String kind = YAML.unmarshal(manifest, GenericKubernetesResource.class).getKind();
        if (StoreIdentity.SECRET_STORE.equals(kind)) {
            return context(YAML.unmarshal(manifest, SecretStore.class), kube);
        }
        if (StoreIdentity.CLUSTER_SECRET_STORE.equals(kind)) {
            ClusterSecretStore c = YAML.unmarshal(manifest, ClusterSecretStore.class);
            return clusterStore(c.getMetadata().getName(), c.getSpec(), consumerNamespace, kube);
        }
        throw new IllegalArgumentException("not a store manifest: kind " + kind);
    }

    public static StoreContext context(String manifest, KubeAccess kube) {
        return context(manifest, kube, null);
    }
}
