package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecretRewrite;
import dev.coffer.api.externalsecrets.v1.RewriteRegexp;
import dev.coffer.gocompat.GoRegexp;
import dev.coffer.template.GoTemplate;
import dev.coffer.testsupport.Tables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One Go regexp translation everywhere: each case of src/test/resources/gocompat/go-regexp-replace.yaml
 * (Go's own ReplaceAll tables) runs through {@link GoRegexp}, through the template functions that
 * ESO's templates use, and through a {@code dataFrom[].rewrite[].regexp} of a key, and all three
 * must give Go's output.
 */
class GoRegexpConformanceTest {

    static Stream<Arguments> cases() {
        return Tables.load("gocompat/go-regexp-replace.yaml").stream().map(c -> Arguments.of(
                (Boolean.TRUE.equals(c.get("literal")) ? "literal " : "") + c.get("pattern") + " / " + c.get("replacement")
                        + " on " + c.get("input"), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void replacesAsGo(String name, Map<String, Object> c) throws Exception {
        String pattern = (String) c.get("pattern");
        String replacement = (String) c.get("replacement");
        String input = (String) c.get("input");
        String output = (String) c.get("output");
        boolean literal = Boolean.TRUE.equals(c.get("literal"));

        assertThat(GoRegexp.compile(pattern).replaceAll(input, replacement, literal)).as("GoRegexp").isEqualTo(output);

        String function = literal ? "regexReplaceAllLiteral" : "regexReplaceAll";
        Map<String, Object> data = Map.of("p", pattern, "s", input, "r", replacement);
        assertThat(GoTemplate.parse("t", "{{ " + function + " .p .s .r }}").execute(data)).as("template " + function)
                .isEqualTo(output);

        if (!literal) {
            ExternalSecretRewrite step = new ExternalSecretRewrite();
            step.regexp = new RewriteRegexp();
            step.regexp.source = pattern;
            step.regexp.target = replacement;
            Map<String, byte[]> in = new LinkedHashMap<>();
            in.put(input, "v".getBytes(StandardCharsets.UTF_8));
            assertThat(KeyRewriter.rewrite(in, List.of(step), new GoTemplater())).as("rewrite.regexp").containsOnlyKeys(output);
        }
    }
}
