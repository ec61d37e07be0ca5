package dev.coffer.api.generators.v1alpha1;

/** Which part of Vault's answer a VaultDynamicSecret returns. */
public enum VaultDynamicSecretResultType {
    Data,
    Auth,
    Raw
}
