package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** Azure Key Vault ({@code spec.provider.azurekv}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AzureKvProvider {

    /** The vault, for example {@code https://my-vault.vault.azure.net}. */
    @Required
    public String vaultUrl;

    /** How to authenticate. */
    @Default("ServicePrincipal")
    public AzureAuthType authType;

    /** The Entra ID tenant; required for ServicePrincipal. */
    public String tenantId;

    /** Which Azure cloud's endpoints to use. */
    @Default("PublicCloud")
    public AzureEnvironmentType environmentType;

    /** Client id, secret or certificate, and tenant, from Kubernetes Secrets. */
    public AzureKvAuth authSecretRef;

    /** With several managed identities on the node, the one to use. */
    public String identityId;

    /** The service account federated with Entra ID (WorkloadIdentity). */
    public ServiceAccountSelector serviceAccountRef;

    /** Endpoints of a non-standard cloud (AzureStackCloud, or a custom authority). */
    public AzureCustomCloudConfig customCloudConfig;

    /** Upstream's switch between its two Go SDKs; accepted and ignored (Coffer has one SDK). */
    @Default("false")
    public Boolean useAzureSDK;
}
