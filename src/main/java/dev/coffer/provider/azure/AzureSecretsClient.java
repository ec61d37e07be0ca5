package dev.coffer.provider.azure;

import com.azure.core.credential.TokenRequestContext;
import com.azure.security.keyvault.certificates.models.CertificateProperties;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificate;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.MetadataPolicy;
import dev.coffer.provider.FindRegexp;
import dev.coffer.provider.JsonValues;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.SecretsPusher;
import dev.coffer.provider.SharedCalls;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads one azurekv store: secrets (values, JSON properties), certificates (the DER certificate)
 * and keys (the JWK as JSON), with tags and attributes for {@code metadataPolicy: Fetch}.
 * Identical reads share one call (in flight and for a short window), and a {@code find} lists the
 * vault once per window however many ExternalSecrets ask. NOT_FOUND means the object itself does
 * not exist; a missing version of an existing object is MISSING_VALUE.
 */
final class AzureSecretsClient implements SecretsClient {

    private final KeyVaultClients vault;
    private final SharedCalls shared;
    private final KeyVaultPusher pusher;

    AzureSecretsClient(KeyVaultClients vault, AzureOptions options) {
        this.vault = vault;
        this.shared = new SharedCalls(options.shareCalls(), options.shareWindow());
        this.pusher = new KeyVaultPusher(vault);
    }

    /** Key Vault can be written: secrets, keys and certificates ({@link KeyVaultPusher}). */
    @Override
    public Optional<SecretsPusher> pusher() {
        return Optional.of(pusher);
    }

    @Override
    public String providerName() {
        return "azurekv";
    }

    @Override
    public byte[] getSecret(ExternalSecretDataRemoteRef ref) {
        VaultObjectName object = VaultObjectName.parse(ref == null ? null : ref.key);
        boolean fetch = ref.metadataPolicy == MetadataPolicy.Fetch;
        String version = ref.version == null || ref.version.isEmpty() ? null : ref.version;
        return switch (object.type()) {
            case SECRET -> {
                KeyVaultSecret secret = secret(object.name(), version);
                yield fetch ? metadata(secret.getProperties()).select(ref.property, ref.key)
                        : JsonValues.select(value(secret, object.name()), ref.property, ref.key);
            }
            case CERT -> {
                KeyVaultCertificate cert = read(object, version, () -> vault.certificate(object.name(), version));
                yield fetch ? metadata(cert.getProperties()).select(ref.property, ref.key) : cert.getCer().clone();
            }
            case KEY -> {
                KeyVaultKey key = read(object, version, () -> vault.key(object.name(), version));
                yield fetch ? metadata(key.getProperties()).select(ref.property, ref.key)
                        : JsonValues.select(JsonValues.toJson(JwkJson.of(key.getKey())), ref.property, ref.key);
            }
        };
    }

    @Override
    public Map<String, byte[]> getSecretMap(ExternalSecretDataRemoteRef ref) {
        VaultObjectName object = VaultObjectName.parse(ref == null ? null : ref.key);
        if (object.type() != VaultObjectName.Type.SECRET) {
            throw ProviderException.invalidConfig("key \"" + ref.key + "\": dataFrom.extract cannot read a "
                    + object.kind() + " (only secrets)");
        }
        byte[] selected = getSecret(ref);
        if (ref.metadataPolicy == MetadataPolicy.Fetch) {
            String version = ref.version == null || ref.version.isEmpty() ? null : ref.version;
            return metadata(secret(object.name(), version).getProperties()).extract(object.name(), ref.key, ref.property);
        }
        return JsonValues.split(selected, ref.key);
    }

    /**
     * Every enabled secret whose name matches the regexp (anywhere, RE2) and that carries every
     * tag asked for, read at its current version. The listing is shared by every find on this
     * store within the window, whatever it filters on.
     */
    @Override
    public Map<String, byte[]> getAllSecrets(ExternalSecretFind find) {
        String regexp = find == null || find.name == null ? null : blankToNull(find.name.regexp);
        Map<String, String> tags = find == null || find.tags == null ? Map.of() : find.tags;
        Pattern pattern = regexp == null ? null : FindRegexp.compile(regexp);
        List<SecretProperties> listed = shared.get(SharedCalls.key("list"), vault::listSecrets);
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (SecretProperties p : listed) {
            if (!Boolean.TRUE.equals(p.isEnabled()) || p.getName() == null) {
                continue;
            }
            Map<String, String> have = p.getTags() == null ? Map.of() : p.getTags();
            boolean tagged = tags.entrySet().stream().allMatch(t -> Objects.equals(have.get(t.getKey()), t.getValue()));
            if (tagged && (pattern == null || pattern.matcher(p.getName()).find())) {
                out.put(p.getName(), value(secret(p.getName(), null), p.getName()));
            }
        }
        return out;
    }

    /**
     * Cheap live check: the credential yields an access token for Key Vault, whose resource is the
     * vault's DNS suffix (https://vault.azure.net for https://NAME.vault.azure.net).
     */
    @Override
    public void validate() {
        try {
            vault.credential().getTokenSync(new TokenRequestContext().addScopes(scope(vault.vaultUrl)));
        } catch (RuntimeException e) {
            throw AzureErrors.map(e, "getting an access token", "the store's credentials");
        }
    }

    @Override
    public void close() {
        shared.clear();
    }

    private KeyVaultSecret secret(String name, String version) {
        VaultObjectName object = new VaultObjectName(VaultObjectName.Type.SECRET, name);
        return read(object, version, () -> vault.secret(name, version));
    }

    /**
     * One shared read. Key Vault answers 404 for a missing object and for a missing version
     * alike; only the first may empty a Secret through deletionPolicy, so for a version the
     * object is looked up once more.
     */
    private <T> T read(VaultObjectName object, String version, Supplier<T> call) {
        return shared.get(SharedCalls.key(object.type().name(), object.name(), version), () -> {
            try {
                return call.get();
            } catch (ProviderException e) {
                if (e.kind() != ProviderException.Kind.NOT_FOUND || version == null) {
                    throw e;
                }
                probe(object);
                throw ProviderException.missingValue("version \"" + version + "\" of " + object.kind() + " \""
                        + object.name() + "\" does not exist (HTTP 404)");
            }
        });
    }

    private void probe(VaultObjectName object) {
        switch (object.type()) {
            case SECRET -> vault.secret(object.name(), null);
            case CERT -> vault.certificate(object.name(), null);
            case KEY -> vault.key(object.name(), null);
        }
    }

    private static byte[] value(KeyVaultSecret secret, String name) {
        if (secret.getValue() == null) {
            throw ProviderException.missingValue("secret \"" + name + "\" has no value");
        }
        return secret.getValue().getBytes(StandardCharsets.UTF_8);
    }

    private static VaultMetadata metadata(SecretProperties p) {
        return VaultMetadata.of(p.getTags(), p.getExpiresOn(), p.getCreatedOn(), p.getUpdatedOn(), p.getNotBefore());
    }

    private static VaultMetadata metadata(CertificateProperties p) {
        return VaultMetadata.of(p.getTags(), p.getExpiresOn(), p.getCreatedOn(), p.getUpdatedOn(), p.getNotBefore());
    }

    private static VaultMetadata metadata(KeyProperties p) {
        return VaultMetadata.of(p.getTags(), p.getExpiresOn(), p.getCreatedOn(), p.getUpdatedOn(), p.getNotBefore());
    }

    static String scope(String vaultUrl) {
        String host = java.net.URI.create(vaultUrl).getHost();
        int dot = host.indexOf('.');
        boolean named = dot > 0 && !Character.isDigit(host.charAt(host.length() - 1));
        return "https://" + (named ? host.substring(dot + 1) : host) + "/.default";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
