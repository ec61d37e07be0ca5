package dev.coffer.api.externalsecrets.v1;

/** The kind of store an ExternalSecret refers to. */
public enum StoreKind {
    SecretStore,
    ClusterSecretStore
}
