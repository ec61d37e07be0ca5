package dev.coffer.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.coffer.testsupport.fuzz.FuzzRun;
import dev.coffer.testsupport.fuzz.Mutator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the Go template parser with mutations of every template of the conformance tables: each
 * input parses or fails with a {@link TemplateException} whose message is one line (position
 * and reason); nothing else escapes, nothing hangs.
 */
class TemplateParserFuzzTest {

    private static final List<String> TOKENS = List.of("{{", "}}", "{{-", "-}}", "(", ")", "|", "$", ".", "$x :=", "=",
            "\"", "`", "'", "/*", "*/", "{{end}}", "{{else}}", "{{if", "{{range", "{{with", "{{define \"t\"}}", "{{block \"b\" .}}",
            "{{template \"t\"}}", "{{break}}", "{{continue}}", " ", "\n", "\\", "0x", "1e9", "'\\u00e9'", "nil", "true", ",", ":=");

    @Test
    void everyInputParsesOrFailsInOneLine() throws IOException {
        Mutator inputs = new Mutator(FuzzRun.SEED, corpus(), TOKENS);
        FuzzRun.run("template parser", i -> {
            String text = inputs.nextString();
            return () -> {
                try {
                    GoTemplate.parse("data.fuzz", text);
                } catch (TemplateException e) {
                    FuzzRun.assertOneLineError(e.getMessage(), null);
                }
            };
        });
    }

    private static List<String> corpus() throws IOException {
        List<String> templates = new ArrayList<>();
        YAMLMapper yaml = new YAMLMapper();
        for (String table : List.of("engine", "eso", "eso-upstream", "printf", "sprig", "oracle-found")) {
            try (InputStream in = TemplateParserFuzzTest.class.getResourceAsStream("/template/conformance-" + table + ".yaml")) {
                for (JsonNode c : yaml.readTree(in)) {
                    if (c.hasNonNull("template")) {
                        templates.add(c.get("template").asText());
                    }
                }
            }
        }
        return templates;
    }
}
