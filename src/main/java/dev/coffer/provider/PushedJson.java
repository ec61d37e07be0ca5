package dev.coffer.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A pushed value with a {@code property}: one member of a JSON object held remotely. Providers
 * that keep one blob per remote secret (fake, AWS, GCP, Azure) read the current value, set or
 * remove the member and write the result, keeping the other members and their order, as ESO
 * does. The member is written as a JSON string. Errors name the key, never a value.
 */
public final class PushedJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PushedJson() {
    }

    /** {@code current} (null: none yet) with {@code property} set to {@code value}. */
    public static byte[] withProperty(byte[] current, String property, byte[] value, String key) {
        ObjectNode object = current == null ? JSON.createObjectNode() : object(current, key);
        object.put(property, new String(value, StandardCharsets.UTF_8));
        return write(object);
    }

    /** {@code current} without {@code property}; empty when nothing is left. */
    public static Optional<byte[]> withoutProperty(byte[] current, String property, String key) {
        ObjectNode object = object(current, key);
        object.remove(property);
        return object.isEmpty() ? Optional.empty() : Optional.of(write(object));
    }

    /** Whether {@code current} is a JSON object holding {@code property}. */
    public static boolean hasProperty(byte[] current, String property) {
        try {
            JsonNode node = JSON.readTree(current);
            return node != null && node.isObject() && node.has(property);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static ObjectNode object(byte[] current, String key) {
        JsonNode node;
        try {
            node = current.length == 0 ? JSON.createObjectNode() : JSON.readTree(current);
        } catch (java.io.IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw ProviderException.invalidConfig("remote secret \"" + key
                    + "\" does not hold a JSON object, so a property cannot be pushed into it");
        }
        return (ObjectNode) node;
    }

    private static byte[] write(ObjectNode object) {
        try {
            return JSON.writeValueAsBytes(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a JSON object", e);
        }
    }
}
