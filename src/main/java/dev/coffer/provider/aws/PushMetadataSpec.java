package dev.coffer.provider.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.provider.ProviderException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading the {@code spec} of upstream's PushSecretMetadata for an aws store; the field sets of
 * Secrets Manager and Parameter Store differ, the way they are written does not.
 */
final class PushMetadataSpec {

    private final JsonNode spec;

    private PushMetadataSpec(JsonNode spec) {
        this.spec = spec;
    }

    /** The {@code spec} of {@code metadata}; an absent or non-object spec reads as empty. */
    static PushMetadataSpec of(JsonNode metadata) {
        JsonNode spec = metadata == null ? null : metadata.path("spec");
        return new PushMetadataSpec(spec != null && spec.isObject() ? spec : null);
    }

    /** {@code spec.tags} as a map; anything but an object of strings is refused. */
    Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode t = node("tags");
        if (t.isObject()) {
            t.fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        } else if (!t.isMissingNode() && !t.isNull()) {
            throw ProviderException.invalidConfig("metadata.spec.tags must be a map of strings for an aws store");
        }
        return tags;
    }

    /** A non-empty text field, else null. */
    String text(String field) {
        JsonNode n = node(field);
        return n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
    }

    /** The raw field (a missing node when absent). */
    JsonNode node(String field) {
        return spec == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : spec.path(field);
    }
}
