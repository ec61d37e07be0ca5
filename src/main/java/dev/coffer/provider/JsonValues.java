package dev.coffer.provider;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.template.funcs.sprig.GoJson;
import dev.coffer.template.gofmt.FloatFormat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Structured remote values, shared by providers and the shaping step, with the byte-exact
 * results upstream's Go code gives. Three rules, as upstream has three code paths:
 * <ul>
 * <li>{@link #property}: a property picked out of a JSON value, as gjson's {@code Result.String()}:
 * strings unquoted, objects and arrays as their JSON text verbatim, {@code null} empty, an integer
 * written with digits only verbatim, any other number ({@code 1.50}, {@code 1e21}) as Go's
 * {@code strconv.FormatFloat(f, 'f', -1, 64)} ({@code 1.5}, {@code 1000000000000000000000}).</li>
 * <li>{@link #split}: a JSON object split into Secret keys through Go's
 * {@code map[string]json.RawMessage} (the fake and AWS providers): strings unquoted, {@code null}
 * empty, everything else (numbers in any form, objects, arrays, booleans) verbatim.</li>
 * <li>{@link #splitDecoded} and {@link #byteValue}: through Go's {@code map[string]any} and
 * upstream's {@code GetByteValue} (the Vault provider, {@code rewrite.merge}): every number is a
 * float64 written with FormatFloat 'f' (so big integers lose digits as in Go), nested values are
 * re-encoded by encoding/json (keys sorted, {@code <>&} escaped), {@code null} is empty.</li>
 * </ul>
 * Errors name the key and property, never the value.
 */
public final class JsonValues {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Pattern UNESCAPED_DOT = Pattern.compile("(?<!\\\\)\\.");

    private JsonValues() {
    }

    /**
     * The property of a JSON value. A property that is itself a top-level key wins (keys may
     * contain dots); otherwise it is a path of dot-separated names and list indexes, with
     * {@code \.} escaping a literal dot. The result follows gjson's String().
     */
    public static byte[] property(byte[] value, String property, String key) {
        String root = text(value, key, "property \"" + property + "\" was requested");
        Raw raw = child(root, property);
        if (raw == null) {
            raw = new Raw(JsonToken.START_OBJECT, root);
            for (String part : UNESCAPED_DOT.split(property, -1)) {
                raw = raw.isContainer() ? child(raw.text(), part.replace("\\.", ".")) : null;
                if (raw == null) {
                    break;
                }
            }
        }
        if (raw == null) {
            throw ProviderException.missingValue("property \"" + property + "\" not found in key \"" + key + "\"");
        }
        return gjsonString(raw).getBytes(StandardCharsets.UTF_8);
    }

    /** The whole value (a copy) without a property, else {@link #property}: what every provider's getSecret returns. */
    public static byte[] select(byte[] value, String property, String key) {
        return property == null || property.isEmpty() ? value.clone() : property(value, property, key);
    }

    /** Each top-level key of a JSON object value, as Go's {@code map[string]json.RawMessage} gives it. */
    public static Map<String, byte[]> split(byte[] value, String key) {
        String root = text(value, key, "its keys were requested (dataFrom.extract)");
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Raw> e : members(root, key).entrySet()) {
            Raw raw = e.getValue();
            String decoded = raw.type() == JsonToken.VALUE_NULL ? "" : raw.text();
            out.put(e.getKey(), decoded.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Each top-level key of a JSON object value, as Go's {@code map[string]any} and GetByteValue give it. */
    public static Map<String, byte[]> splitDecoded(byte[] value, String key) {
        Map<String, Object> object = decodeObject(value, key);
        Map<String, byte[]> out = new TreeMap<>();
        object.forEach((k, v) -> out.put(k, byteValue(v)));
        return out;
    }

    /**
     * A JSON object decoded as Go's {@code json.Unmarshal} into {@code map[string]any} (numbers
     * are doubles); JSON {@code null} gives an empty map, as it leaves a Go map nil.
     */
    public static Map<String, Object> decodeObject(byte[] value, String key) {
        Object decoded;
        try {
            decoded = GoJson.unmarshal(new String(value, StandardCharsets.UTF_8));
        } catch (GoJson.SyntaxException e) {
            throw notJson(key, "it was to be read as a JSON object");
        }
        if (decoded == null) {
            return new LinkedHashMap<>();
        }
        if (!(decoded instanceof Map<?, ?>)) {
            throw ProviderException.invalidConfig("key \"" + key + "\" is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) decoded;
        return object;
    }

    /** Upstream's GetByteValue over a value Go's json.Unmarshal produced. */
    public static byte[] byteValue(Object v) {
        String s;
        if (v == null) {
            s = "";
        } else if (v instanceof String str) {
            s = str;
        } else if (v instanceof Double d) {
            s = FloatFormat.format(d, 'f', -1);
        } else if (v instanceof Boolean b) {
            s = b.toString();
        } else {
            try {
                s = GoJson.marshal(v, true, null);
            } catch (GoJson.UnsupportedValueException e) {
                throw ProviderException.invalidConfig("a JSON value cannot be encoded again: " + e.getMessage());
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Serialises a map of metadata (tags, labels) as a JSON object. */
    public static byte[] toJson(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise metadata", e);
        }
    }

    /** One JSON value: strings already unquoted, everything else as its JSON text verbatim. */
    private record Raw(JsonToken type, String text) {
        boolean isContainer() {
            return type == JsonToken.START_OBJECT || type == JsonToken.START_ARRAY;
        }
    }

    /** gjson's Result.String() of one JSON value. */
    private static String gjsonString(Raw raw) {
        return switch (raw.type()) {
            case VALUE_NULL -> "";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                String n = raw.text();
                boolean digitsOnly = n.chars().skip(n.startsWith("-") ? 1 : 0).allMatch(c -> c >= '0' && c <= '9');
                yield digitsOnly ? n : FloatFormat.format(Double.parseDouble(n), 'f', -1);
            }
            default -> raw.text();
        };
    }

    /** The raw text of a member of an object (by name) or an array (by index), or null. */
    private static Raw child(String json, String part) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                Raw found = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    Raw raw = rawValue(p, json, p.nextToken());
                    if (name.equals(part)) {
                        found = raw; // the last duplicate wins, as in Go
                    }
                }
                return found;
            }
            if (t == JsonToken.START_ARRAY && part.matches("\\d+")) {
                int index = 0;
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    Raw raw = rawValue(p, json, next);
                    if (String.valueOf(index++).equals(part)) {
                        return raw;
                    }
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Top-level members of an object, as raw JSON text in order (null gives none). */
    private static Map<String, Raw> members(String json, String key) {
        Map<String, Raw> out = new LinkedHashMap<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                return out;
            }
            if (t != JsonToken.START_OBJECT) {
                throw ProviderException.invalidConfig("key \"" + key + "\" is not a JSON object, so it cannot be extracted into keys");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                out.remove(name);
                out.put(name, rawValue(p, json, p.nextToken()));
            }
            return out;
        } catch (IOException e) {
            throw notJson(key, "its keys were requested (dataFrom.extract)");
        }
    }

    /** The value starting at the current token; objects and arrays are skipped over and cut out verbatim. */
    private static Raw rawValue(JsonParser p, String json, JsonToken t) throws IOException {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            int start = (int) p.currentTokenLocation().getCharOffset();
            p.skipChildren();
            int end = (int) p.currentTokenLocation().getCharOffset() + 1;
            return new Raw(t, json.substring(start, end));
        }
        return new Raw(t, p.getText()); // strings unquoted; numbers as written; true, false, null
    }

    /** The value as JSON text, or an error naming only the key: the whole text must be one valid JSON value. */
    private static String text(byte[] value, String key, String why) {
        String json = new String(value, StandardCharsets.UTF_8);
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IOException("empty");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new IOException("trailing data");
            }
            return json.strip();
        } catch (IOException e) {
            // Deliberately no cause: a parser message may quote the value.
            throw notJson(key, why);
        }
    }

    private static ProviderException notJson(String key, String why) {
        return ProviderException.invalidConfig("key \"" + key + "\" is not valid JSON, but " + why);
    }
}
