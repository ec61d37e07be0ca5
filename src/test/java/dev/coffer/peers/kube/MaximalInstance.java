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
 * A one-of object ({@code maxProperties: 1}) holds one of its properties: variant {@code v} keeps
 * the {@code v}-th (modulo their number), so {@link #variants} instances cover them all.
 */
final class MaximalInstance {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /**
     * String values tried in order against a field's pattern: a plain name matches the name
     * patterns; a sync window's cron schedule and a GCP service-account email need their own.
     */
    private static final List<String> CANDIDATES = List.of("a1", "@hourly", "a1@p1.iam.gserviceaccount.com", "1h");
    /** A CEL rule that is a regular expression on the value (a Go duration, say): treated as a pattern. */
    private static final Pattern MATCHES_RULE = Pattern.compile("self\\.matches\\('(.*)'\\)");

    private MaximalInstance() {
    }

    /** A value for {@code schema} (variant 0); {@code name} is the property it is for (used to vary strings). */
    static JsonNode of(JsonNode schema, String name) {
        return of(schema, name, 0);
    }

    /** How many variants it takes for every alternative of every one-of object to appear once. */
    static int variants(JsonNode schema) {
        int n = schema.path("maxProperties").asInt(0) == 1 ? Math.max(1, schema.path("properties").size()) : 1;
        for (JsonNode child : schema.path("properties")) {
            n = Math.max(n, variants(child));
        }
        if (schema.has("items")) {
            n = Math.max(n, variants(schema.get("items")));
        }
        if (schema.path("additionalProperties").isObject()) {
            n = Math.max(n, variants(schema.get("additionalProperties")));
        }
        return n;
    }

    /** A value for {@code schema} whose one-of objects keep their {@code variant}-th property. */
    static JsonNode of(JsonNode schema, String name, int variant) {
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
                list.add(of(schema.path("items"), name, variant));
                return list;
            }
            default:
                return object(schema, variant);
        }
    }

    private static ObjectNode object(JsonNode schema, int variant) {
        ObjectNode obj = F.objectNode();
        JsonNode props = schema.path("properties");
        boolean oneOf = schema.path("maxProperties").asInt(0) == 1 && props.size() > 1;
        int index = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); index++) {
            Map.Entry<String, JsonNode> p = it.next();
            if (!oneOf || index == variant % props.size()) {
                obj.set(p.getKey(), of(p.getValue(), p.getKey(), variant));
            }
        }
        dropSecondOfExactlyOne(schema, obj);
        JsonNode additional = schema.path("additionalProperties");
        if (additional.isObject()) {
            obj.set("team", of(additional, "team", variant));
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
        String regexp = schema.path("pattern").asText(null);
        for (JsonNode v : schema.path("x-kubernetes-validations")) {
            var m = MATCHES_RULE.matcher(v.path("rule").asText());
            if (m.matches()) {
                regexp = m.group(1);
            }
        }
        if (regexp == null) {
            return CANDIDATES.get(0);
        }
        Pattern pattern = Pattern.compile(regexp);
        return CANDIDATES.stream().filter(c -> pattern.matcher(c).find()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no sample value matches the CRD pattern " + pattern
                        + "; add one to MaximalInstance.CANDIDATES"));
    }
}
