package dev.coffer.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the conformance tables ({@link ConformanceTables}) through Coffer's engine. Expected values
 * come from the Go text/template and sprig documentation, Go's source and ESO's own tests; comments
 * in the YAML cite the rule where it is not obvious. The {@code peers} tier runs the same cases
 * through Go itself (dev.coffer.peers.template.GoTemplateOracleTest).
 */
class ConformanceTest {
    static Stream<Arguments> cases() {
        return ConformanceTables.all().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void conforms(ConformanceTables.Case c) throws Exception {
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
    private static void assertNoDataLeak(String message, ConformanceTables.Case c) {
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
