package dev.coffer.provider.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.AadCredentialBuilderBase;
import com.azure.identity.ClientAssertionCredentialBuilder;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import dev.coffer.api.externalsecrets.v1.providers.AzureAuthType;
import dev.coffer.api.externalsecrets.v1.providers.AzureKvAuth;
import dev.coffer.api.externalsecrets.v1.providers.AzureKvProvider;
import dev.coffer.api.externalsecrets.v1.providers.ServiceAccountSelector;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.StoreContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Entra ID credential of an azurekv store, one of azure-identity's, as upstream builds it
 * for each {@code authType}. Access tokens are cached by MSAL inside the credential until near
 * expiry; the credential lives as long as the store's client.
 */
final class AzureCredentials {

    static final String BLOCK = "spec.provider.azurekv";
    /** The audience Entra ID expects on a federated Kubernetes token. */
    static final String TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";
    static final String CLIENT_ID_ANNOTATION = "azure.workload.identity/client-id";
    static final String TENANT_ID_ANNOTATION = "azure.workload.identity/tenant-id";
    static final String ENV_CLIENT_ID = "AZURE_CLIENT_ID";
    static final String ENV_TENANT_ID = "AZURE_TENANT_ID";
    static final String ENV_TOKEN_FILE = "AZURE_FEDERATED_TOKEN_FILE";

    private AzureCredentials() {
    }

    static TokenCredential of(StoreContext store, AzureOptions options, HttpClient http, AzureCloud cloud) {
        AzureKvProvider block = store.spec().provider.azurekv;
        AzureAuthType type = block.authType == null ? AzureAuthType.ServicePrincipal : block.authType;
        return switch (type) {
            case ServicePrincipal -> servicePrincipal(store, block, options, http, cloud);
            case ManagedIdentity -> managedIdentity(block, options, http);
            case WorkloadIdentity -> workloadIdentity(store, block, options, http, cloud);
        };
    }

    private static TokenCredential servicePrincipal(StoreContext store, AzureKvProvider block, AzureOptions options,
                                                    HttpClient http, AzureCloud cloud) {
        AzureKvAuth refs = block.authSecretRef;
        String clientId = store.secretString(refs.clientId, BLOCK + ".authSecretRef.clientId");
        String tenant = !isBlank(block.tenantId) ? block.tenantId
                : store.secretString(refs.tenantId, BLOCK + ".authSecretRef.tenantId");
        if (refs.clientSecret != null) {
            String secret = store.secretString(refs.clientSecret, BLOCK + ".authSecretRef.clientSecret");
            return aad(new ClientSecretCredentialBuilder().clientSecret(secret), clientId, tenant, options, http, cloud).build();
        }
        String what = BLOCK + ".authSecretRef.clientCertificate";
        byte[] pem = ClientCertificatePem.normalize(store.secretValue(refs.clientCertificate, what), what);
        return aad(new ClientCertificateCredentialBuilder().pemCertificate(new ByteArrayInputStream(pem)),
                clientId, tenant, options, http, cloud).build();
    }

    /** {@code identityId} is a client id, or a resource id when it is an ARM path. */
    private static TokenCredential managedIdentity(AzureKvProvider block, AzureOptions options, HttpClient http) {
        ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder().httpClient(http).maxRetry(options.retries());
        if (!isBlank(block.identityId)) {
            if (block.identityId.startsWith("/")) {
                b.resourceId(block.identityId);
            } else {
                b.clientId(block.identityId);
            }
        }
        return b.build();
    }

    /**
     * A federated Kubernetes token as the client assertion: from the TokenRequest API for
     * {@code serviceAccountRef} (client and tenant from its {@code azure.workload.identity/*}
     * annotations or {@code authSecretRef}), else from the file and variables the Azure workload
     * identity webhook gives Coffer's own pod.
     */
    private static TokenCredential workloadIdentity(StoreContext store, AzureKvProvider block, AzureOptions options,
                                                    HttpClient http, AzureCloud cloud) {
        ServiceAccountSelector sa = block.serviceAccountRef;
        if (sa == null) {
            String clientId = options.setting(ENV_CLIENT_ID);
            String tenant = !isBlank(block.tenantId) ? block.tenantId : options.setting(ENV_TENANT_ID);
            String file = options.setting(ENV_TOKEN_FILE);
            if (clientId == null || tenant == null || file == null) {
                throw ProviderException.invalidConfig(BLOCK + ": WorkloadIdentity without serviceAccountRef needs the"
                        + " environment variables " + ENV_CLIENT_ID + ", " + ENV_TENANT_ID + " and " + ENV_TOKEN_FILE
                        + " (set by the Azure workload identity webhook on Coffer's pod)");
            }
            return aad(new ClientAssertionCredentialBuilder().clientAssertion(() -> readToken(file)),
                    clientId, tenant, options, http, cloud).build();
        }
        String ns = store.namespaceOf(sa.namespace, BLOCK + ".serviceAccountRef");
        Map<String, String> annotations = store.kube().serviceAccountAnnotations(ns, sa.name).orElse(Map.of());
        AzureKvAuth refs = block.authSecretRef;
        String clientId = refs != null && refs.clientId != null
                ? store.secretString(refs.clientId, BLOCK + ".authSecretRef.clientId") : null;
        String annotatedClient = annotations.get(CLIENT_ID_ANNOTATION);
        if (clientId != null && annotatedClient != null) {
            throw ProviderException.invalidConfig(BLOCK + ": the client id is set twice, in authSecretRef.clientId and"
                    + " in the " + CLIENT_ID_ANNOTATION + " annotation of ServiceAccount " + ns + "/" + sa.name);
        }
        clientId = clientId != null ? clientId : annotatedClient;
        if (isBlank(clientId)) {
            throw ProviderException.invalidConfig(BLOCK + ": no client id: set authSecretRef.clientId or the "
                    + CLIENT_ID_ANNOTATION + " annotation on ServiceAccount " + ns + "/" + sa.name);
        }
        String tenant = refs != null && refs.tenantId != null
                ? store.secretString(refs.tenantId, BLOCK + ".authSecretRef.tenantId") : null;
        if (isBlank(tenant)) {
            tenant = block.tenantId;
        }
        String annotatedTenant = annotations.get(TENANT_ID_ANNOTATION);
        if (!isBlank(tenant) && annotatedTenant != null) {
            throw ProviderException.invalidConfig(BLOCK + ": the tenant id is set twice, in the store and in the "
                    + TENANT_ID_ANNOTATION + " annotation of ServiceAccount " + ns + "/" + sa.name);
        }
        tenant = !isBlank(tenant) ? tenant : annotatedTenant != null ? annotatedTenant : options.setting(ENV_TENANT_ID);
        if (isBlank(tenant)) {
            throw ProviderException.invalidConfig(BLOCK + ": no tenant id: set tenantId, authSecretRef.tenantId, the "
                    + TENANT_ID_ANNOTATION + " annotation or " + ENV_TENANT_ID);
        }
        List<String> audiences = new ArrayList<>(List.of(TOKEN_EXCHANGE_AUDIENCE));
        if (sa.audiences != null) {
            audiences.addAll(sa.audiences);
        }
        Supplier<String> assertion = () -> store.kube().serviceAccountToken(ns, sa.name, audiences, 0);
        return aad(new ClientAssertionCredentialBuilder().clientAssertion(assertion), clientId, tenant, options, http, cloud)
                .build();
    }

    private static <T extends AadCredentialBuilderBase<T>> T aad(T builder, String clientId, String tenant,
                                                                 AzureOptions options, HttpClient http, AzureCloud cloud) {
        builder.clientId(clientId).tenantId(tenant).authorityHost(cloud.authorityHost()).httpClient(http)
                .maxRetry(options.retries());
        if (!cloud.known()) {
            builder.disableInstanceDiscovery();
        }
        return builder;
    }

    private static String readToken(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw ProviderException.invalidConfig(BLOCK + ": the federated token file " + file + " cannot be read");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
