package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.DecodingStrategy;
import dev.coffer.testsupport.Tables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs src/test/resources/shaping/eso-decoding.yaml (ESO's TestDecode and Go's base64 rules) through {@link ValueDecoding}. */
class DecodingTableTest {

    static Stream<Arguments> cases() {
        return Tables.load("shaping/eso-decoding.yaml").stream().map(c -> Arguments.of(c.get("from") + ": " + c.get("name"), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodes(String name, Map<String, Object> c) {
        DecodingStrategy strategy = DecodingStrategy.valueOf((String) c.get("strategy"));
        byte[] value = ((String) c.get("value")).getBytes(StandardCharsets.UTF_8);
        if (c.containsKey("error")) {
            assertThatThrownBy(() -> ValueDecoding.decode(value, strategy, "the-key"))
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining((String) c.get("error"))
                    .hasMessageContaining("\"the-key\"");
            return;
        }
        byte[] want = c.containsKey("wantHex") ? HexFormat.of().parseHex((String) c.get("wantHex"))
                : ((String) c.get("want")).getBytes(StandardCharsets.UTF_8);
        assertThat(ValueDecoding.decode(value, strategy, "the-key")).isEqualTo(want);
    }
}
