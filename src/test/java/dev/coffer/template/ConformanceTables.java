package dev.coffer.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template conformance tables in src/test/resources/template/, read once for every test that
 * runs them (Coffer's engine alone in {@link ConformanceTest}, and against Go itself in the
 * {@code peers} tier).
 *
 * <p>A case has a template, optional data, and one of {@code expect} (exact output),
 * {@code expectPattern} (a regex: the output is random or depends on the clock, so it is judged by
 * property) or {@code error} (a substring of the message). {@code files} maps data keys to
 * fixtures under src/test/resources (binary archives such as PKCS#12): their bytes are put into
 * the data as base64 text under those keys, for the template to {@code b64dec}; {@code textFiles}
 * puts fixtures' texts (PEM, JSON) into the data as they are; {@code expectFiles}
 * lists fixtures whose texts, one after the other, are the expected output. {@code knownDifference}
 * says why Go (ESO v0.16.2 with sprig v3.3.0, the oracle) renders the case otherwise; such a case is
 * listed in README's known differences and is not judged by the oracle.
 */
public final class ConformanceTables {
    public static final List<String> TABLES = List.of(
            "template/conformance-engine.yaml",
            "template/conformance-printf.yaml",
            "template/conformance-sprig.yaml",
            "template/conformance-eso.yaml",
            "template/conformance-eso-upstream.yaml",
            "template/conformance-oracle-found.yaml");

    private ConformanceTables() {
    }

    /** One row of a table. */
    public record Case(String file, String name, String template, Object data, String expect, String expectPattern,
                       String error, String knownDifference) {
        /** Output that differs per run (random, clock, random salt or IV): judged by {@link #expectPattern}. */
        public boolean nondeterministic() {
            return expectPattern != null;
        }

        @Override
        public String toString() {
            return file.replace("template/conformance-", "").replace(".yaml", "") + ": " + name;
        }
    }

    /** Every case of every table, in table order. */
    public static List<Case> all() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Case> all = new ArrayList<>();
        for (String table : TABLES) {
            try (InputStream in = ConformanceTables.class.getClassLoader().getResourceAsStream(table)) {
                if (in == null) {
                    throw new IllegalStateException("missing conformance table " + table);
                }
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> rows = yaml.readValue(in, List.class);
                for (Map<String, Object> row : rows) {
                    all.add(new Case(table, (String) row.get("name"), (String) row.get("template"),
                            withFiles(row.get("data"), row.get("files"), row.get("textFiles")),
                            expected(row), (String) row.get("expectPattern"),
                            (String) row.get("error"), (String) row.get("knownDifference")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + table, e);
            }
        }
        return all;
    }

    /** {@code expect}, or the texts of the fixtures listed under {@code expectFiles}, one after the other. */
    private static String expected(Map<String, Object> row) throws IOException {
        if (!(row.get("expectFiles") instanceof List<?> files)) {
            return (String) row.get("expect");
        }
        StringBuilder text = new StringBuilder();
        for (Object file : files) {
            text.append(new String(fixture((String) file), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static byte[] fixture(String path) throws IOException {
        try (InputStream in = ConformanceTables.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + path);
            }
            return in.readAllBytes();
        }
    }

    private static Object withFiles(Object data, Object files, Object textFiles) throws IOException {
        if (!(files instanceof Map<?, ?>) && !(textFiles instanceof Map<?, ?>)) {
            return data;
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        if (data instanceof Map<?, ?> given) {
            given.forEach((k, v) -> merged.put(String.valueOf(k), v));
        }
        if (files instanceof Map<?, ?> binary) {
            for (Map.Entry<?, ?> file : binary.entrySet()) {
                merged.put(String.valueOf(file.getKey()),
                        Base64.getEncoder().encodeToString(fixture((String) file.getValue())));
            }
        }
        if (textFiles instanceof Map<?, ?> text) {
            for (Map.Entry<?, ?> file : text.entrySet()) {
                merged.put(String.valueOf(file.getKey()), new String(fixture((String) file.getValue()), StandardCharsets.UTF_8));
            }
        }
        return merged;
    }
}
