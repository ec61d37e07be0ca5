package dev.coffer.provider;

import dev.coffer.testsupport.TableSource;
import org.junit.jupiter.params.ParameterizedTest;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs src/test/resources/shaping/json-values.yaml: every JSON value form through each of upstream's three rules. */
class JsonValuesTableTest {

    @ParameterizedTest(name = "{0}")
    @TableSource("shaping/json-values.yaml")
    void writesTheBytesUpstreamWrites(String name, Map<String, Object> c) {
        byte[] object = ("{\"v\": " + c.get("value") + "}").getBytes(StandardCharsets.UTF_8);
        byte[] out = switch ((String) c.get("rule")) {
            case "property" -> JsonValues.property(object, "v", "k");
            case "split" -> JsonValues.split(object, "k").get("v");
            case "splitDecoded" -> JsonValues.splitDecoded(object, "k").get("v");
            default -> throw new IllegalArgumentException("unknown rule " + c.get("rule"));
        };
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(c.get("want"));
    }
}
