package dev.coffer.api.externalsecrets.v1.providers;

/** The Azure clouds, as upstream names them. */
public enum AzureEnvironmentType {
    PublicCloud,
    USGovernmentCloud,
    ChinaCloud,
    GermanCloud,
    AzureStackCloud
}
