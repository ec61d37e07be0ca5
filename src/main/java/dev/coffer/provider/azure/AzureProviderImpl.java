package dev.coffer.provider.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.api.externalsecrets.v1.providers.AzureAuthType;
import dev.coffer.api.externalsecrets.v1.providers.AzureEnvironmentType;
import dev.coffer.api.externalsecrets.v1.providers.AzureKvAuth;
import dev.coffer.api.externalsecrets.v1.providers.AzureKvProvider;
import dev.coffer.provider.Provider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import static dev.coffer.provider.azure.AzureCredentials.BLOCK;

/**
 * The {@code azurekv} provider: secrets, certificates and keys of one Azure Key Vault through
 * Azure's official Java SDK, authenticated by a service principal, a managed identity or
 * workload identity.
 */
public final class AzureProviderImpl implements Provider {

    private final AzureOptions options;

    public AzureProviderImpl() {
        this(AzureOptions.defaults());
    }

    public AzureProviderImpl(AzureOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "azurekv";
    }

    @Override
    public void validate(StoreContext store) {
        AzureKvProvider block = store.spec().provider.azurekv;
        vaultUri(block.vaultUrl);
        if (block.environmentType == AzureEnvironmentType.AzureStackCloud && block.customCloudConfig == null) {
            throw ProviderException.invalidConfig(BLOCK + ".customCloudConfig is required with environmentType AzureStackCloud");
        }
        if (block.customCloudConfig != null) {
            String authority = block.customCloudConfig.activeDirectoryEndpoint;
            if (authority == null || authority.isBlank()) {
                throw ProviderException.invalidConfig(BLOCK + ".customCloudConfig.activeDirectoryEndpoint is required");
            }
            httpsUri(authority, BLOCK + ".customCloudConfig.activeDirectoryEndpoint");
        }
        AzureAuthType type = block.authType == null ? AzureAuthType.ServicePrincipal : block.authType;
        AzureKvAuth refs = block.authSecretRef;
        if (type == AzureAuthType.ServicePrincipal) {
            if (refs == null || refs.clientId == null) {
                throw ProviderException.invalidConfig(BLOCK + ": ServicePrincipal needs authSecretRef.clientId and"
                        + " authSecretRef.clientSecret or authSecretRef.clientCertificate");
            }
            if ((refs.clientSecret == null) == (refs.clientCertificate == null)) {
                throw ProviderException.invalidConfig(BLOCK + ": ServicePrincipal needs exactly one of"
                        + " authSecretRef.clientSecret and authSecretRef.clientCertificate");
            }
            if (isBlank(block.tenantId) && refs.tenantId == null) {
                throw ProviderException.invalidConfig(BLOCK + ": ServicePrincipal needs tenantId (or authSecretRef.tenantId)");
            }
        }
        if (type == AzureAuthType.WorkloadIdentity && block.serviceAccountRef != null) {
            if (isBlank(block.serviceAccountRef.name)) {
                throw ProviderException.invalidConfig(BLOCK + ".serviceAccountRef.name is required");
            }
            store.namespaceOf(block.serviceAccountRef.namespace, BLOCK + ".serviceAccountRef");
        }
        credentialRefs(store); // checks every selector and its namespace
    }

    @Override
    public List<SecretKeySelector> credentialRefs(StoreContext store) {
        AzureKvAuth refs = store.spec().provider.azurekv.authSecretRef;
        List<SecretKeySelector> out = new ArrayList<>();
        if (refs == null) {
            return out;
        }
        add(store, out, refs.clientId, "clientId");
        add(store, out, refs.clientSecret, "clientSecret");
        add(store, out, refs.clientCertificate, "clientCertificate");
        add(store, out, refs.tenantId, "tenantId");
        return out;
    }

    /** A service account named without a namespace resolves in the consumer's namespace (cluster stores). */
    @Override
    public boolean clientPerConsumerNamespace(StoreContext store) {
        AzureKvProvider block = store.spec().provider.azurekv;
        return block.authType == AzureAuthType.WorkloadIdentity && block.serviceAccountRef != null
                && isBlank(block.serviceAccountRef.namespace);
    }

    @Override
    public SecretsClient newClient(StoreContext store) {
        validate(store);
        AzureKvProvider block = store.spec().provider.azurekv;
        HttpClient http = AzureHttp.client(options);
        TokenCredential credential = AzureCredentials.of(store, options, http, AzureCloud.of(block));
        KeyVaultClients vault = new KeyVaultClients(vaultUri(block.vaultUrl).toString(), credential, http, options);
        return new AzureSecretsClient(vault, options);
    }

    private static void add(StoreContext store, List<SecretKeySelector> out, SecretKeySelector ref, String field) {
        if (ref == null) {
            return;
        }
        String what = BLOCK + ".authSecretRef." + field;
        if (isBlank(ref.name) || isBlank(ref.key)) {
            throw ProviderException.invalidConfig(what + " needs a Secret name and key");
        }
        store.namespaceOf(ref.namespace, what);
        out.add(ref);
    }

    private static URI vaultUri(String vaultUrl) {
        if (isBlank(vaultUrl)) {
            throw ProviderException.invalidConfig(BLOCK + ".vaultUrl is required");
        }
        return httpsUri(vaultUrl.trim(), BLOCK + ".vaultUrl");
    }

    private static URI httpsUri(String url, String what) {
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw ProviderException.invalidConfig(what + " \"" + url + "\" must be an https URL"
                        + " (for example https://my-vault.vault.azure.net)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ProviderException.invalidConfig(what + " \"" + url + "\" is not a URL");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
