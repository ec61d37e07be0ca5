package dev.coffer.provider;

/** Names a store (or a generator with a provider block): kind, namespace (null when cluster-scoped) and name. */
public record StoreIdentity(String kind, String namespace, String name) {

    public static final String SECRET_STORE = "SecretStore";
    public static final String CLUSTER_SECRET_STORE = "ClusterSecretStore";
    /** A ClusterGenerator's provider block resolves references like a ClusterSecretStore's. */
    public static final String CLUSTER_GENERATOR = "ClusterGenerator";

    public boolean isCluster() {
        return CLUSTER_SECRET_STORE.equals(kind) || CLUSTER_GENERATOR.equals(kind);
    }

    @Override
    public String toString() {
        return isCluster() ? kind + " " + name : kind + " " + namespace + "/" + name;
    }
}
