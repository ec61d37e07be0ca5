package dev.coffer.provider.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.rest.PagedResponse;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.CertificateClientBuilder;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificate;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.coffer.metrics.EsoMeters;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The vault's three SDK clients (secrets, keys, certificates) over one credential and one HTTP
 * client. Every call is counted in ESO's API-call metric once the SDK's retries are done, and
 * every failure leaves here typed.
 */
final class KeyVaultClients {

    static final String METRIC = "externalsecret_provider_api_calls_count";
    static final String METRIC_PROVIDER = "Azure/KeyVault";

    final String vaultUrl;
    final SecretClient secrets;
    final KeyClient keys;
    final CertificateClient certificates;
    private final TokenCredential credential;
    private final AzureOptions options;

    KeyVaultClients(String vaultUrl, TokenCredential credential, HttpClient http, AzureOptions options) {
        this.vaultUrl = vaultUrl;
        this.credential = credential;
        this.options = options;
        boolean skipVerification = "true".equalsIgnoreCase(options.setting(AzureOptions.DISABLE_CHALLENGE_RESOURCE_VERIFICATION));
        SecretClientBuilder s = new SecretClientBuilder().vaultUrl(vaultUrl).credential(credential).httpClient(http)
                .retryOptions(AzureHttp.retries(options));
        KeyClientBuilder k = new KeyClientBuilder().vaultUrl(vaultUrl).credential(credential).httpClient(http)
                .retryOptions(AzureHttp.retries(options));
        CertificateClientBuilder c = new CertificateClientBuilder().vaultUrl(vaultUrl).credential(credential)
                .httpClient(http).retryOptions(AzureHttp.retries(options));
        if (skipVerification) {
            s.disableChallengeResourceVerification();
            k.disableChallengeResourceVerification();
            c.disableChallengeResourceVerification();
        }
        this.secrets = s.buildClient();
        this.keys = k.buildClient();
        this.certificates = c.buildClient();
    }

    TokenCredential credential() {
        return credential;
    }

    KeyVaultSecret secret(String name, String version) {
        return call("GetSecret", subject("secret", name, version), () -> secrets.getSecret(name, orEmpty(version)));
    }

    KeyVaultKey key(String name, String version) {
        return call("GetKey", subject("key", name, version), () -> keys.getKey(name, orEmpty(version)));
    }

    KeyVaultCertificate certificate(String name, String version) {
        return call("GetCertificate", subject("certificate", name, version),
                () -> certificates.getCertificateVersion(name, orEmpty(version)));
    }

    /** Every secret's properties (name, enabled, tags), page by page; each page is one counted call. */
    List<SecretProperties> listSecrets() {
        List<SecretProperties> out = new ArrayList<>();
        try {
            for (PagedResponse<SecretProperties> page : secrets.listPropertiesOfSecrets().iterableByPage()) {
                count("GetSecrets", "success");
                out.addAll(page.getValue());
            }
        } catch (RuntimeException e) {
            count("GetSecrets", "error");
            throw AzureErrors.map(e, "GetSecrets", "the secrets of " + vaultUrl);
        }
        return out;
    }

    /** One SDK call, counted, its failure typed (a 404 becomes NOT_FOUND naming the subject). */
    <T> T call(String operation, String subject, Supplier<T> call) {
        try {
            T result = call.get();
            count(operation, "success");
            return result;
        } catch (RuntimeException e) {
            count(operation, "error");
            throw AzureErrors.map(e, operation, subject);
        }
    }

    static String subject(String type, String name, String version) {
        return type + " \"" + name + "\"" + (version == null || version.isEmpty() ? "" : " version \"" + version + "\"");
    }

    private void count(String operation, String status) {
        EsoMeters.increment(options.meters(), METRIC, "Number of API calls towards the secret provider",
                Tags.of("provider", METRIC_PROVIDER, "call", operation, "status", status));
    }

    private static String orEmpty(String version) {
        return version == null ? "" : version;
    }
}
