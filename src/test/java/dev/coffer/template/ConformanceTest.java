package dev.coffer.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the conformance tables in src/test/resources/template/: each case has a template, optional
 * data, and either {@code expect} (exact output), {@code expectPattern} (regex, for random or
 * time-dependent output) or {@code error} (a substring of the message). Expected values come from
 * the Go text/template and sprig documentation and Go's source; comments in the YAML cite the rule
 * where it is not obvious.
 */
class ConformanceTest {
    private static final String[] TABLES = {
        "template/conformance-engine.yaml",
        "template/conformance-printf.yaml",
        "template/conformance-sprig.yaml",
        "template/conformance-eso.yaml",
    };

    record Case(String file, String name, String template, Object data, String expect, String expectPattern,
                String error) {
        @Override
        public String toString() {
            return file.replace("template/conformance-", "").replace(".yaml", "") + ": " + name;
        }
    }

    static Stream<Arguments> cases() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Arguments> all = new ArrayList<>();
        for (String table : TABLES) {
            try (InputStream in = ConformanceTest.class.getClassLoader().getResourceAsStream(table)) {
                if (in == null) {
                    continue;
                }
                List<Map<String, Object>> rows = yaml.readValue(in, List.class);
                for (Map<String, Object> row : rows) {
                    Case c = new Case(table, (String) row.get("name"), (String) row.get("template"), row.get("data"),
                            (String) row.get("expect"), (String) row.get("expectPattern"), (String) row.get("error"));
                    all.add(Arguments.of(c));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void conforms(Case c) throws Exception {
        if (c.error() != null) {
            assertThatThrownBy(() -> GoTemplate.parse("t", c.template()).execute(c.data()))
                    .isInstanceOf(TemplateException.class)
                    .hasMessageContaining(c.error())
                    .satisfies(e -> assertNoDataLeak(e.getMessage(), c));
            return;
        }
        String out = GoTemplate.parse("t", c.template()).execute(c.data());
        if (c.expectPattern() != null) {
            assertThat(out).matches(c.expectPattern());
        } else {
            assertThat(out).isEqualTo(c.expect());
        }
    }

    /** Error messages may name keys and template text, never a data value that the template does not contain. */
    private static void assertNoDataLeak(String message, Case c) {
        for (String value : leafStrings(c.data())) {
            if (value.length() >= 4 && !c.template().contains(value)) {
                assertThat(message).as("error message must not reveal data").doesNotContain(value);
            }
        }
    }

    private static List<String> leafStrings(Object data) {
        List<String> out = new ArrayList<>();
        if (data instanceof String s) {
            out.add(s);
        } else if (data instanceof Map<?, ?> m) {
            m.values().forEach(v -> out.addAll(leafStrings(v)));
        } else if (data instanceof List<?> l) {
            l.forEach(v -> out.addAll(leafStrings(v)));
        }
        return out;
    }
}
