package dev.coffer.provider.vault;

import dev.coffer.provider.FindRegexp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.MetadataPolicy;
import dev.coffer.provider.JsonValues;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A Vault KV store as Coffer sees it, with upstream's value semantics: without a property a
 * secret is its whole key/value object as JSON (keys sorted, as Go writes maps); a property is
 * a top-level key first, else a dotted path; {@code metadataPolicy: Fetch} reads the v2
 * metadata instead. Thread-safe: one token and one HTTP client serve every caller. It also
 * serves {@link VaultLogical} (dynamic secrets and leases) for the VaultDynamicSecret generator.
 */
final class VaultSecretsClient implements SecretsClient, VaultLogical {

    private static final ObjectMapper SORTED = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final VaultKv kv;
    private final VaultTokenManager tokens;
    private final VaultLogical logical;
    private final VaultKvPusher pusher;

    VaultSecretsClient(VaultKv kv, VaultTokenManager tokens, VaultLogical logical, VaultKvPusher pusher) {
        this.kv = kv;
        this.tokens = tokens;
        this.logical = logical;
        this.pusher = pusher;
    }

    @Override
    public java.util.Optional<dev.coffer.provider.SecretsPusher> pusher() {
        return java.util.Optional.of(pusher);
    }

    @Override
    public String providerName() {
        return "vault";
    }

    @Override
    public byte[] getSecret(ExternalSecretDataRemoteRef ref) {
        byte[] whole;
        if (ref.metadataPolicy == MetadataPolicy.Fetch) {
            if (!kv.v2()) {
                throw ProviderException.invalidConfig("metadataPolicy Fetch needs a KV v2 store (key \"" + ref.key + "\")");
            }
            Map<String, String> metadata = kv.metadata(ref.key);
            if (metadata.isEmpty()) {
                return new byte[0];
            }
            whole = JsonValues.toJson(new TreeMap<>(metadata));
        } else {
            whole = sortedJson(kv.data(ref.key, ref.version));
        }
        return ref.property == null || ref.property.isEmpty() ? whole : JsonValues.property(whole, ref.property, ref.key);
    }

    /** A property is cut from the whole sorted JSON by {@link JsonValues#property}, as above. */
    @Override
    public boolean propertiesFromWholeValue() {
        return true;
    }

    /** As upstream's Vault provider: through Go's map[string]any, so numbers come out as float64 would. */
    @Override
    public Map<String, byte[]> getSecretMap(ExternalSecretDataRemoteRef ref) {
        return JsonValues.splitDecoded(getSecret(ref), ref.key);
    }

    @Override
    public Map<String, byte[]> getAllSecrets(ExternalSecretFind find) {
        boolean byName = find.name != null;
        if (!byName && find.tags != null && !find.tags.isEmpty() && !kv.v2()) {
            throw ProviderException.invalidConfig("dataFrom.find by tags needs a KV v2 store");
        }
        Pattern name = byName ? regexp(find.name.regexp) : null;
        String prefix = find.path == null || find.path.isEmpty() ? "" : stripSlashes(find.path) + "/";
        Map<String, byte[]> out = new TreeMap<>();
        for (String key : kv.list(prefix)) {
            boolean match = byName ? name.matcher(key).find() : tagsMatch(key, find.tags);
            if (!match) {
                continue;
            }
            try {
                out.put(key, sortedJson(kv.data(key, null)));
            } catch (ProviderException e) {
                if (e.kind() != ProviderException.Kind.NOT_FOUND) {
                    throw e; // a deleted current version is skipped, as upstream
                }
            }
        }
        return out;
    }

    @Override
    public JsonNode request(String method, String path, JsonNode body, Map<String, java.util.List<String>> query) {
        return logical.request(method, path, body, query);
    }

    @Override
    public JsonNode renewLease(String leaseId, long incrementSeconds) {
        return logical.renewLease(leaseId, incrementSeconds);
    }

    @Override
    public void revokeLease(String leaseId) {
        logical.revokeLease(leaseId);
    }

    @Override
    public void validate() {
        tokens.validate();
    }

    @Override
    public void close() {
        tokens.close();
    }

    private boolean tagsMatch(String key, Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            return true;
        }
        Map<String, String> metadata = kv.metadata(key);
        return tags.entrySet().stream().allMatch(t -> t.getValue().equals(metadata.get(t.getKey())));
    }

    private static Pattern regexp(String regexp) {
        return FindRegexp.compile(regexp);
    }

    private static byte[] sortedJson(JsonNode data) {
        try {
            return SORTED.writeValueAsBytes(SORTED.treeToValue(data, Object.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a parsed JSON object", e);
        }
    }

    private static String stripSlashes(String s) {
        String out = s;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
