package dev.coffer.peers.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A value for every property of an OpenAPI v3 schema, as a CRD declares it: each object has all
 * of its properties, each list and map one entry, each enum its first value. Strings are short
 * lowercase names, which match every name pattern Coffer's CRDs use. So one instance touches
 * every field the schema knows, and anything the API server prunes or rewrites shows up.
 */
final class MaximalInstance {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /**
     * String values tried in order against a field's pattern: a plain name matches the name
     * patterns; a sync window's cron schedule and a GCP service-account email need their own.
     */
    private static final List<String> CANDIDATES = List.of("a1", "@hourly", "a1@p1.iam.gserviceaccount.com");

    private MaximalInstance() {
    }

    /** A value for {@code schema}; {@code name} is the property it is for (used to vary strings). */
    static JsonNode of(JsonNode schema, String name) {
        if (schema.has("enum")) {
            return schema.get("enum").get(0).deepCopy();
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            return F.textNode("1h");
        }
        String type = schema.path("type").asText("object");
        switch (type) {
            case "string":
                return F.textNode(string(schema));
            case "integer":
                return F.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
            case "number":
                return F.numberNode(1.5);
            case "boolean":
                return F.booleanNode(true);
            case "array": {
                ArrayNode list = F.arrayNode();
                list.add(of(schema.path("items"), name));
                return list;
            }
            default:
                return object(schema);
        }
    }

    private static ObjectNode object(JsonNode schema) {
        ObjectNode obj = F.objectNode();
        JsonNode props = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            obj.set(p.getKey(), of(p.getValue(), p.getKey()));
        }
        dropSecondOfExactlyOne(schema, obj);
        JsonNode additional = schema.path("additionalProperties");
        if (additional.isObject()) {
            obj.set("team", of(additional, "team"));
        }
        if (props.isEmpty() && !additional.isObject() && schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            // free-form: any field must be kept as is
            obj.put("free", "form");
            obj.putObject("nested").put("n", 1);
        }
        return obj;
    }

    /**
     * A CEL rule "exactly one of A or B" (doppler's auth: secretRef or oidcConfig) cannot hold with
     * every property set: the instance keeps A and leaves B out.
     */
    private static void dropSecondOfExactlyOne(JsonNode schema, ObjectNode obj) {
        for (JsonNode v : schema.path("x-kubernetes-validations")) {
            var m = EXACTLY_ONE.matcher(v.path("rule").asText());
            if (m.matches()) {
                obj.remove(m.group(2));
            }
        }
    }

    private static final Pattern EXACTLY_ONE = Pattern.compile(
            "\\(has\\(self\\.(\\w+)\\) && !has\\(self\\.(\\w+)\\)\\) \\|\\| \\(!has\\(self\\.\\1\\) && has\\(self\\.\\2\\)\\)");

    private static String string(JsonNode schema) {
        if (!schema.has("pattern")) {
            return CANDIDATES.get(0);
        }
        Pattern pattern = Pattern.compile(schema.get("pattern").asText());
        return CANDIDATES.stream().filter(c -> pattern.matcher(c).find()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no sample value matches the CRD pattern " + pattern
                        + "; add one to MaximalInstance.CANDIDATES"));
    }
}
