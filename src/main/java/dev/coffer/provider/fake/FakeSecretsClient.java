package dev.coffer.provider.fake;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.MetadataPolicy;
import dev.coffer.api.externalsecrets.v1.providers.FakeProvider;
import dev.coffer.api.externalsecrets.v1.providers.FakeProviderData;
import dev.coffer.gocompat.GoRegexp;
import dev.coffer.provider.JsonValues;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.SecretsPusher;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Serves the fake provider's data. Entries are keyed by key and version, as upstream: a
 * reference without a version matches only entries without one; {@code find} reads the highest
 * version of each key. Values pushed to the store ({@link FakePusher}) are read like unversioned
 * entries and win over the spec's.
 */
final class FakeSecretsClient implements SecretsClient {

    /** ESO's fake validationResult values. */
    private static final int VALIDATION_ERROR = 2;

    private final Map<String, String> byKeyAndVersion = new HashMap<>();
    private final List<FakeProviderData> entries;
    private final Integer validationResult;
    private final FakePushedSecrets.Store pushed;
    private final FakePusher pusher;

    FakeSecretsClient(FakeProvider block, FakePushedSecrets.Store pushed) {
        this.entries = List.copyOf(block.data);
        this.validationResult = block.validationResult;
        this.pushed = pushed;
        Map<String, String> unversioned = new HashMap<>();
        for (FakeProviderData d : entries) {
            byKeyAndVersion.put(mapKey(d.key, d.version), d.value);
            if (d.version == null || d.version.isEmpty()) {
                unversioned.put(d.key, d.value);
            }
        }
        this.pusher = new FakePusher(unversioned, pushed);
    }

    @Override
    public Optional<SecretsPusher> pusher() {
        return Optional.of(pusher);
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

    /**
     * Every key whose name matches {@code find.name.regexp} (Go RE2 syntax), with the value of its
     * highest version, as upstream: versions compare as strings and an entry without a version is
     * the lowest. {@code find.path} keeps only keys that start with it: a Coffer extension (upstream's
     * fake provider refuses a find without a name), kept because it lets examples and tests show
     * path-based finds offline. Tags are refused, as upstream has none for this provider.
     */
    @Override
    public Map<String, byte[]> getAllSecrets(ExternalSecretFind find) {
        if (find.tags != null && !find.tags.isEmpty()) {
            throw ProviderException.invalidConfig("the fake provider does not support find by tags");
        }
        GoRegexp name;
        try {
            name = find.name == null || find.name.regexp == null ? null : GoRegexp.compile(find.name.regexp);
        } catch (GoRegexp.InvalidRegexpException e) {
            throw ProviderException.invalidConfig("dataFrom.find.name.regexp: " + e.getMessage());
        }
        Map<String, FakeProviderData> latest = new TreeMap<>();
        for (FakeProviderData d : entries) {
            if (find.path != null && !find.path.isEmpty() && !d.key.startsWith(find.path)) {
                continue;
            }
            if (name != null && !name.matches(d.key)) {
                continue;
            }
            FakeProviderData seen = latest.get(d.key);
            if (seen == null || version(seen).compareTo(version(d)) < 0) {
                latest.put(d.key, d);
            }
        }
        Map<String, byte[]> out = new TreeMap<>();
        latest.forEach((key, d) -> out.put(key, d.value.getBytes(StandardCharsets.UTF_8)));
        pushed.snapshot().forEach((key, p) -> {
            boolean inPath = find.path == null || find.path.isEmpty() || key.startsWith(find.path);
            if (inPath && (name == null || name.matches(key))) {
                out.put(key, p.value().clone());
            }
        });
        return out;
    }

    private static String version(FakeProviderData d) {
        return Objects.requireNonNullElse(d.version, "");
    }

    @Override
    public void validate() {
        if (validationResult != null && validationResult == VALIDATION_ERROR) {
            throw ProviderException.unavailable("the fake store is configured to fail validation (validationResult: 2)", null);
        }
    }

    private byte[] lookup(ExternalSecretDataRemoteRef ref) {
        if (ref.version == null || ref.version.isEmpty()) {
            byte[] value = pushed.value(ref.key);
            if (value != null) {
                return value;
            }
        }
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
