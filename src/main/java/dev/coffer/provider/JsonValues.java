package dev.coffer.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Structured remote values, shared by providers: picking a {@code property} out of a JSON value
 * (gjson-style dotted paths, as upstream) and splitting a JSON object into Secret keys.
 * Errors name the key and property, never the value.
 */
public final class JsonValues {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern UNESCAPED_DOT = Pattern.compile("(?<!\\\\)\\.");

    private JsonValues() {
    }

    /**
     * The property of a JSON value. A property that is itself a top-level key wins (keys may
     * contain dots); otherwise it is a path of dot-separated names and list indexes, with
     * {@code \.} escaping a literal dot. Strings come out raw, anything else as JSON.
     */
    public static byte[] property(byte[] value, String property, String key) {
        JsonNode root = parse(value, key, "property \"" + property + "\" was requested");
        JsonNode node = root.has(property) ? root.get(property) : walk(root, property);
        if (node == null || node.isMissingNode()) {
            throw ProviderException.notFound("property \"" + property + "\" not found in key \"" + key + "\"");
        }
        return bytesOf(node);
    }

    /** The whole value (a copy) without a property, else {@link #property}: what every provider's getSecret returns. */
    public static byte[] select(byte[] value, String property, String key) {
        return property == null || property.isEmpty() ? value.clone() : property(value, property, key);
    }

    /** Each top-level key of a JSON object value, strings raw, nested values as JSON. */
    public static Map<String, byte[]> split(byte[] value, String key) {
        JsonNode root = parse(value, key, "its keys were requested (dataFrom.extract)");
        if (!root.isObject()) {
            throw ProviderException.invalidConfig("key \"" + key + "\" is not a JSON object, so it cannot be extracted into keys");
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), bytesOf(e.getValue()));
        }
        return out;
    }

    /** A JSON node as Secret bytes: text raw, everything else (numbers, objects, null) as compact JSON. */
    public static byte[] bytesOf(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a parsed JSON node", e);
        }
    }

    /** Serialises a map of metadata (tags, labels) as a JSON object. */
    public static byte[] toJson(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise metadata", e);
        }
    }

    private static JsonNode parse(byte[] value, String key, String why) {
        try {
            JsonNode node = MAPPER.readTree(value);
            if (node == null || node.isMissingNode()) {
                throw new IOException("empty");
            }
            return node;
        } catch (IOException e) {
            // Deliberately no cause: a parser message may quote the value.
            throw ProviderException.invalidConfig("key \"" + key + "\" is not valid JSON, but " + why);
        }
    }

    private static JsonNode walk(JsonNode root, String path) {
        JsonNode node = root;
        for (String raw : UNESCAPED_DOT.split(path, -1)) {
            String part = raw.replace("\\.", ".");
            if (node == null) {
                return null;
            }
            if (node.isArray() && part.matches("\\d+")) {
                node = node.get(Integer.parseInt(part));
            } else if (node.isObject()) {
                node = node.get(part);
            } else {
                return null;
            }
        }
        return node;
    }
}
