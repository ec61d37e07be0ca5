package dev.coffer.api.externalsecrets.v1.providers;

/** Where a CA certificate is kept. */
public enum CAProviderType {
    Secret,
    ConfigMap
}
