package dev.coffer.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test tables kept as YAML lists under src/test/resources: one map per case. */
public final class Tables {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Tables() {
    }

    /** The cases of a table, in file order. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> load(String resource) {
        try (InputStream in = Tables.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test table " + resource);
            }
            return YAML.readValue(in, List.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A case field that maps strings to strings, as UTF-8 bytes in file order (null when absent; a null value stays null). */
    @SuppressWarnings("unchecked")
    public static Map<String, byte[]> bytes(Object field) {
        if (field == null) {
            return null;
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        ((Map<String, Object>) field).forEach((k, v) -> out.put(k, v == null ? null : String.valueOf(v).getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    /** A map of byte values as text, for readable assertion failures. */
    public static Map<String, String> text(Map<String, byte[]> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }
}
