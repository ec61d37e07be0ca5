package dev.coffer.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * JSON Schemas made from the CRDs in {@code crds/}, one per apiVersion and kind.
 *
 * <p>The API server prunes unknown fields from a structural schema instead of rejecting them
 * (only {@code kubectl apply --validate=strict}, the default since 1.25, warns or fails), so a
 * misspelt field silently does nothing. To catch it here, every object schema that lists
 * {@code properties} gets {@code additionalProperties: false}, unless it says
 * {@code x-kubernetes-preserve-unknown-fields} or already has {@code additionalProperties}
 * (a map). {@code x-kubernetes-int-or-string} becomes "integer or string".
 */
final class CrdSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private final Map<String, JsonSchema> byKind = new HashMap<>();

    static CrdSchemas load(Path dir) {
        CrdSchemas schemas = new CrdSchemas();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                for (ObjectNode crd : CofferChart.parse(Files.readString(f))) {
                    schemas.add(crd);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schemas;
    }

    private void add(ObjectNode crd) {
        String group = crd.at("/spec/group").asText();
        String kind = crd.at("/spec/names/kind").asText();
        for (JsonNode version : crd.at("/spec/versions")) {
            ObjectNode schema = (ObjectNode) version.at("/schema/openAPIV3Schema").deepCopy();
            // The API server always accepts these at the root, whether or not the schema lists them.
            ObjectNode root = schema.has("properties") ? (ObjectNode) schema.get("properties") : schema.putObject("properties");
            root.putObject("apiVersion").put("type", "string");
            root.putObject("kind").put("type", "string");
            if (!root.has("metadata")) {
                root.putObject("metadata").put("type", "object");
            }
            strict(schema);
            byKind.put(group + "/" + version.path("name").asText() + "/" + kind, FACTORY.getSchema(schema));
        }
    }

    boolean knows(JsonNode manifest) {
        return byKind.containsKey(key(manifest));
    }

    /** The schema violations of a custom resource; empty when it is valid. */
    Set<ValidationMessage> validate(JsonNode manifest) {
        JsonSchema schema = byKind.get(key(manifest));
        if (schema == null) {
            throw new IllegalArgumentException("no CRD for " + key(manifest));
        }
        return schema.validate(manifest);
    }

    private static String key(JsonNode manifest) {
        return manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText();
    }

    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.path("x-kubernetes-int-or-string").asBoolean()) {
                ArrayNode types = o.putArray("type");
                types.add("integer").add("string");
            }
            if (o.has("properties") && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                o.set("additionalProperties", JsonNodeFactory.instance.booleanNode(false));
            }
            o.properties().forEach(e -> strict(e.getValue()));
        } else if (node instanceof ArrayNode a) {
            a.forEach(CrdSchemas::strict);
        }
    }
}
