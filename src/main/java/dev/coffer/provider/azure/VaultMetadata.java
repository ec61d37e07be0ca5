package dev.coffer.provider.azure;

import dev.coffer.provider.JsonValues;
import dev.coffer.provider.ProviderException;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code metadataPolicy: Fetch} for a Key Vault object, as upstream: its tags plus the
 * attributes {@code attribute.expires}, {@code attribute.created}, {@code attribute.updated} and
 * {@code attribute.notBefore} (RFC 3339, UTC, whole seconds).
 */
final class VaultMetadata {

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private final Map<String, String> entries;

    private VaultMetadata(Map<String, String> entries) {
        this.entries = entries;
    }

    static VaultMetadata of(Map<String, String> tags, OffsetDateTime expires, OffsetDateTime created,
                            OffsetDateTime updated, OffsetDateTime notBefore) {
        Map<String, String> all = new TreeMap<>();
        if (tags != null) {
            tags.forEach((k, v) -> {
                if (v != null) {
                    all.put(k, v);
                }
            });
        }
        time(all, "attribute.expires", expires);
        time(all, "attribute.created", created);
        time(all, "attribute.updated", updated);
        time(all, "attribute.notBefore", notBefore);
        return new VaultMetadata(all);
    }

    /**
     * No property: every entry as a JSON object. A property naming an entry: its value. Else
     * {@code TAG.PATH}: a property of a tag holding JSON.
     */
    byte[] select(String property, String key) {
        if (property == null || property.isEmpty()) {
            return JsonValues.toJson(entries);
        }
        String whole = entries.get(property);
        if (whole != null) {
            return whole.getBytes(StandardCharsets.UTF_8);
        }
        int dot = property.indexOf('.');
        String tag = dot > 0 ? entries.get(property.substring(0, dot)) : null;
        if (tag == null) {
            throw ProviderException.missingValue("tag \"" + property + "\" does not exist on key \"" + key + "\"");
        }
        return JsonValues.property(tag.getBytes(StandardCharsets.UTF_8), property.substring(dot + 1), key);
    }

    /**
     * {@code dataFrom.extract} with Fetch, as upstream: one Secret key per tag, named
     * {@code NAME_TAG}; a tag holding a JSON object of strings gives {@code NAME_TAG_MEMBER} keys
     * instead. With a property, only {@code KEY_PROPERTY} (empty when there is no such entry).
     */
    Map<String, byte[]> extract(String name, String key, String property) {
        Map<String, String> flat = new TreeMap<>();
        entries.forEach((tag, value) -> {
            Map<String, String> members = stringMembers(value);
            if (members == null || tag.startsWith("attribute.")) {
                flat.put(name + "_" + tag, value);
            } else {
                members.forEach((m, v) -> flat.put(name + "_" + tag + "_" + m, v));
            }
        });
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (property != null && !property.isEmpty()) {
            String wanted = key + "_" + property;
            String value = flat.get(wanted);
            out.put(wanted, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
            return out;
        }
        flat.forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    /** The members of a JSON object whose values are all strings, as Go's map[string]string takes it; else null. */
    private static Map<String, String> stringMembers(String value) {
        String trimmed = value.trim();
        if (!trimmed.startsWith("{")) {
            return null;
        }
        try {
            Map<String, Object> decoded = JsonValues.decodeObject(trimmed.getBytes(StandardCharsets.UTF_8), "tag");
            Map<String, String> out = new TreeMap<>();
            for (Map.Entry<String, Object> e : decoded.entrySet()) {
                if (!(e.getValue() instanceof String s)) {
                    return null;
                }
                out.put(e.getKey(), s);
            }
            return out;
        } catch (ProviderException e) {
            return null;
        }
    }

    private static void time(Map<String, String> all, String name, OffsetDateTime t) {
        if (t != null) {
            all.put(name, t.withOffsetSameInstant(ZoneOffset.UTC).withNano(0).format(RFC3339));
        }
    }
}
