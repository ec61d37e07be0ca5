package dev.coffer.api.externalsecrets.v1.providers;

/** The AWS services an aws store may use. */
public enum AwsServiceType {
    SecretsManager,
    ParameterStore,
    /** In the schema for compatibility; Coffer does not serve it yet. */
    CertificateManager
}
