package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.meta.v1.SecretKeySelector;

/** Azure credentials from Kubernetes Secrets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AzureKvAuth {

    public SecretKeySelector clientId;

    public SecretKeySelector clientSecret;

    /** A PEM certificate with its private key, instead of clientSecret. */
    public SecretKeySelector clientCertificate;

    public SecretKeySelector tenantId;
}
