package dev.coffer.api.externalsecrets.v1.providers;

/** The version of the Vault KV secrets engine. */
public enum VaultKVStoreVersion {
    v1,
    v2
}
