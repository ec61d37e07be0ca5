package dev.coffer.provider.fake;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.MetadataPolicy;
import dev.coffer.api.externalsecrets.v1.providers.FakeProvider;
import dev.coffer.api.externalsecrets.v1.providers.FakeProviderData;
import dev.coffer.provider.JsonValues;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Serves the fake provider's data. Entries are keyed by key and version, as upstream: a
 * reference without a version matches only entries without one.
 */
final class FakeSecretsClient implements SecretsClient {

    /** ESO's fake validationResult values. */
    private static final int VALIDATION_ERROR = 2;

    private final Map<String, String> byKeyAndVersion = new HashMap<>();
    private final List<FakeProviderData> entries;
    private final Integer validationResult;

    FakeSecretsClient(FakeProvider block) {
        this.entries = List.copyOf(block.data);
        this.validationResult = block.validationResult;
        for (FakeProviderData d : entries) {
            byKeyAndVersion.put(mapKey(d.key, d.version), d.value);
        }
    }

    @Override
    public String providerName() {
        return "fake";
    }

    @Override
    public byte[] getSecret(ExternalSecretDataRemoteRef ref) {
        if (ref.metadataPolicy == MetadataPolicy.Fetch) {
            throw ProviderException.invalidConfig("the fake provider has no metadata to fetch for key \"" + ref.key + "\"");
        }
        byte[] value = lookup(ref);
        return ref.property == null || ref.property.isEmpty() ? value : JsonValues.property(value, ref.property, ref.key);
    }

    @Override
    public Map<String, byte[]> getSecretMap(ExternalSecretDataRemoteRef ref) {
        byte[] value = lookup(ref);
        if (ref.property != null && !ref.property.isEmpty()) {
            value = JsonValues.property(value, ref.property, ref.key);
        }
        return JsonValues.split(value, ref.key);
    }

    @Override
    public Map<String, byte[]> getAllSecrets(ExternalSecretFind find) {
        if (find.tags != null && !find.tags.isEmpty()) {
            throw ProviderException.invalidConfig("the fake provider does not support find by tags");
        }
        Pattern name = find.name == null || find.name.regexp == null ? null : Pattern.compile(find.name.regexp);
        Map<String, byte[]> out = new TreeMap<>();
        for (FakeProviderData d : entries) {
            if (d.version != null && !d.version.isEmpty()) {
                continue; // find reads the current (unversioned) values, as upstream
            }
            if (find.path != null && !find.path.isEmpty() && !d.key.startsWith(find.path)) {
                continue;
            }
            if (name != null && !name.matcher(d.key).find()) {
                continue;
            }
            out.put(d.key, d.value.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void validate() {
        if (validationResult != null && validationResult == VALIDATION_ERROR) {
            throw ProviderException.unavailable("the fake store is configured to fail validation (validationResult: 2)", null);
        }
    }

    private byte[] lookup(ExternalSecretDataRemoteRef ref) {
        String value = byKeyAndVersion.get(mapKey(ref.key, ref.version));
        if (value == null) {
            String v = ref.version == null || ref.version.isEmpty() ? "" : " version \"" + ref.version + "\"";
            throw ProviderException.notFound("key \"" + ref.key + "\"" + v + " not found in the fake store");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String mapKey(String key, String version) {
        return key + "\u0000" + Objects.requireNonNullElse(version, "");
    }
}
