package dev.coffer.provider.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.provider.ProviderException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A gcpsm PushSecret entry's {@code metadata} ({@code kind: PushSecretMetadata}), as upstream
 * reads it: {@code spec.labels}, {@code spec.annotations}, {@code spec.topics},
 * {@code spec.mergePolicy} (Replace, the default, or Merge: keep labels and annotations the
 * secret already has), {@code spec.cmekKeyName} and {@code spec.replicationLocations}.
 */
record GcpPushMetadata(Map<String, String> labels, Map<String, String> annotations, List<String> topics,
                       boolean merge, String cmekKeyName, List<String> replicationLocations) {

    static GcpPushMetadata of(JsonNode metadata, String key) {
        JsonNode spec = metadata == null ? null : metadata.path("spec");
        if (spec == null || spec.isMissingNode() || spec.isNull()) {
            return new GcpPushMetadata(Map.of(), Map.of(), List.of(), false, null, List.of());
        }
        if (!spec.isObject()) {
            throw ProviderException.invalidConfig("push to \"" + key + "\": metadata.spec must be an object");
        }
        String policy = spec.path("mergePolicy").asText("Replace");
        if (!policy.equals("Replace") && !policy.equals("Merge")) {
            throw ProviderException.invalidConfig("push to \"" + key + "\": metadata mergePolicy must be Replace or Merge, not \""
                    + policy + "\"");
        }
        String cmek = spec.path("cmekKeyName").asText("");
        return new GcpPushMetadata(map(spec.path("labels")), map(spec.path("annotations")), list(spec.path("topics")),
                policy.equals("Merge"), cmek.isEmpty() ? null : cmek, list(spec.path("replicationLocations")));
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
