package dev.coffer.testsupport.kubernetes;

import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.StoreIdentity;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Store contexts from YAML manifests, written as users write them, so a provider test reads like
 * the store it exercises.
 */
public final class StoreFixtures {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private StoreFixtures() {
    }

    /**
     * A context for a SecretStore or ClusterSecretStore manifest. For a cluster store, references
     * without a namespace resolve in {@code consumerNamespace}; for a SecretStore it is ignored.
     */
    public static StoreContext context(String manifest, KubeAccess kube, String consumerNamespace) {
        String kind = YAML.unmarshal(manifest, GenericKubernetesResource.class).getKind();
        if (StoreIdentity.SECRET_STORE.equals(kind)) {
            SecretStore s = YAML.unmarshal(manifest, SecretStore.class);
            return new StoreContext(new StoreIdentity(StoreIdentity.SECRET_STORE, s.getMetadata().getNamespace(),
                    s.getMetadata().getName()), 1, s.getSpec(), s.getMetadata().getNamespace(), kube);
        }
        if (StoreIdentity.CLUSTER_SECRET_STORE.equals(kind)) {
            ClusterSecretStore c = YAML.unmarshal(manifest, ClusterSecretStore.class);
            return new StoreContext(new StoreIdentity(StoreIdentity.CLUSTER_SECRET_STORE, null, c.getMetadata().getName()),
                    1, c.getSpec(), consumerNamespace, kube);
        }
        throw new IllegalArgumentException("not a store manifest: kind " + kind);
    }

    public static StoreContext context(String manifest, KubeAccess kube) {
        return context(manifest, kube, null);
    }
}
