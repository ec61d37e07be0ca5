package dev.coffer.provider;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonValuesTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void splitUnquotesStringsEmptiesNullAndKeepsTheRestAsWritten() {
        Map<String, byte[]> out = JsonValues.split(b("{\"s\": \"a \\\"quoted\\\" text\", \"n\": 1.50, \"z\": null, \"o\": {\"k\" : 1e21}}"), "k");
        assertThat(s(out.get("s"))).isEqualTo("a \"quoted\" text");
        assertThat(s(out.get("n"))).isEqualTo("1.50");
        assertThat(s(out.get("z"))).isEmpty();
        assertThat(s(out.get("o"))).isEqualTo("{\"k\" : 1e21}");
    }

    @Test
    void propertyPaths() {
        byte[] v = b("{\"a\":{\"b\":[10,{\"c\":\"deep\"}]},\"a.b\":\"top\",\"k.v\":{\"x\":\"1\"}}");
        assertThat(s(JsonValues.property(v, "a.b", "key"))).isEqualTo("top");
        assertThat(s(JsonValues.property(v, "a.b.0", "key"))).isEqualTo("10");
        assertThat(s(JsonValues.property(v, "a.b.1.c", "key"))).isEqualTo("deep");
        assertThat(s(JsonValues.property(v, "k\\.v.x", "key"))).isEqualTo("1");
    }

    @Test
    void missingPropertyIsAMissingValueNamingKeyAndProperty() {
        assertThatThrownBy(() -> JsonValues.property(b("{\"a\":1}"), "b", "db"))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("\"b\"").hasMessageContaining("\"db\"")
                .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.MISSING_VALUE));
    }

    @Test
    void invalidJsonNeverQuotesTheValue() {
        for (String bad : new String[]{"canary-s3cr3t", "{\"canary\": s3cr3t}", ""}) {
            assertThatThrownBy(() -> JsonValues.property(b(bad), "p", "k"))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageNotContaining("s3cr3t")
                    .hasNoCause()
                    .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG));
            assertThatThrownBy(() -> JsonValues.split(b(bad), "k"))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageNotContaining("s3cr3t");
        }
    }

    @Test
    void splitKeepsOrderAndEncodesNestedValues() {
        Map<String, byte[]> out = JsonValues.split(b("{\"z\":\"1\",\"a\":{\"n\":[1,2]},\"m\":false}"), "k");
        assertThat(out.keySet()).containsExactly("z", "a", "m");
        assertThat(s(out.get("a"))).isEqualTo("{\"n\":[1,2]}");
        assertThat(s(out.get("m"))).isEqualTo("false");
    }

    @Test
    void splitOfANonObjectIsInvalidConfig() {
        assertThatThrownBy(() -> JsonValues.split(b("[1,2]"), "k"))
                .isInstanceOf(ProviderException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> JsonValues.split(b("\"str\""), "k"))
                .isInstanceOf(ProviderException.class).hasMessageContaining("not a JSON object");
    }

    @Test
    void toJsonSerialisesMaps() {
        assertThat(s(JsonValues.toJson(new TreeMap<>(Map.of("b", "2", "a", "1"))))).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
    }
}
