package dev.coffer.provider.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsPusher;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * An azurekv PushSecret entry's {@code metadata} ({@code kind: PushSecretMetadata}), as upstream
 * reads it: {@code spec.expirationDate} (RFC 3339), {@code spec.contentType} and
 * {@code spec.tags}, which may not set the managed-by tag itself.
 */
record AzurePushMetadata(OffsetDateTime expires, String contentType, Map<String, String> tags) {

    static AzurePushMetadata of(JsonNode metadata, String key) {
        JsonNode spec = metadata == null || metadata.isNull() || metadata.isMissingNode() ? null : metadata.path("spec");
        if (spec == null || spec.isMissingNode() || spec.isNull()) {
            return new AzurePushMetadata(null, null, Map.of());
        }
        if (!spec.isObject()) {
            throw ProviderException.invalidConfig("push to \"" + key + "\": metadata.spec must be an object");
        }
        OffsetDateTime expires = null;
        String date = spec.path("expirationDate").asText("");
        if (!date.isEmpty()) {
            try {
                expires = OffsetDateTime.parse(date);
            } catch (DateTimeParseException e) {
                throw ProviderException.invalidConfig("push to \"" + key + "\": metadata expirationDate \"" + date
                        + "\" is not RFC 3339 (for example 2024-12-31T20:00:00Z)");
            }
        }
        String contentType = spec.path("contentType").asText("");
        Map<String, String> tags = new TreeMap<>();
        spec.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        if (tags.containsKey(SecretsPusher.MANAGED_BY_KEY)) {
            throw ProviderException.invalidConfig("push to \"" + key + "\": metadata tags cannot set the '"
                    + SecretsPusher.MANAGED_BY_KEY + "' tag");
        }
        return new AzurePushMetadata(expires, contentType.isEmpty() ? null : contentType, tags);
    }

    /** The tags to write: the requested ones, plus the marker unless the object stays unmarked. */
    Map<String, String> tagsToWrite(boolean marked) {
        Map<String, String> out = new TreeMap<>(tags);
        if (marked) {
            out.put(SecretsPusher.MANAGED_BY_KEY, SecretsPusher.MANAGED_BY_VALUE);
        }
        return out;
    }

    /** Whether the remote tags already hold every requested one. */
    boolean tagsPresentIn(Map<String, String> remote) {
        Map<String, String> have = remote == null ? Map.of() : remote;
        return tags.entrySet().stream().allMatch(t -> t.getValue().equals(have.get(t.getKey())));
    }

    static boolean isManaged(Map<String, String> tags) {
        return tags != null && SecretsPusher.MANAGED_BY_VALUE.equals(tags.get(SecretsPusher.MANAGED_BY_KEY));
    }
}
