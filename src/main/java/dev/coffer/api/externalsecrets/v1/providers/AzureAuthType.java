package dev.coffer.api.externalsecrets.v1.providers;

/** How an azurekv store authenticates. */
public enum AzureAuthType {
    ServicePrincipal,
    ManagedIdentity,
    WorkloadIdentity
}
