package dev.coffer.provider;

/** Names a store: kind, namespace (null for a ClusterSecretStore) and name. */
public record StoreIdentity(String kind, String namespace, String name) {

    public static final String SECRET_STORE = "SecretStore";
    public static final String CLUSTER_SECRET_STORE = "ClusterSecretStore";

    public boolean isCluster() {
        return CLUSTER_SECRET_STORE.equals(kind);
    }

    @Override
    public String toString() {
        return isCluster() ? kind + " " + name : kind + " " + namespace + "/" + name;
    }
}
