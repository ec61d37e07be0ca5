package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.DecodingStrategy;
import dev.coffer.testsupport.TableSource;
import org.junit.jupiter.params.ParameterizedTest;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs src/test/resources/shaping/eso-decoding.yaml (ESO's TestDecode and Go's base64 rules) through {@link ValueDecoding}. */
class DecodingTableTest {

    @ParameterizedTest(name = "{0}")
    @TableSource("shaping/eso-decoding.yaml")
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
