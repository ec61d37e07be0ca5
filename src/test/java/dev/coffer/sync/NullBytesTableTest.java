package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.NullBytePolicy;
import dev.coffer.provider.ProviderException;
import dev.coffer.testsupport.Tables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs src/test/resources/shaping/eso-null-bytes.yaml (ESO's null-byte policy tests) through {@link NullBytes}. */
class NullBytesTableTest {

    static Stream<Arguments> cases() {
        return Tables.load("shaping/eso-null-bytes.yaml").stream().map(c -> Arguments.of(c.get("from") + ": " + c.get("name"), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void checks(String name, Map<String, Object> c) {
        String policyName = (String) c.get("policy");
        NullBytePolicy policy = policyName.isEmpty() ? null : NullBytePolicy.valueOf(policyName);
        Map<String, byte[]> values = new LinkedHashMap<>();
        ((Map<String, String>) c.get("values")).forEach((k, v) -> values.put(k, v == null ? null : v.getBytes(StandardCharsets.UTF_8)));
        if (c.containsKey("error")) {
            assertThatThrownBy(() -> NullBytes.check(policy, values)).isInstanceOf(ProviderException.class)
                    .hasMessageContaining((String) c.get("error"))
                    .hasMessageNotContaining("A\u0000B");
        } else {
            assertThatCode(() -> NullBytes.check(policy, values)).doesNotThrowAnyException();
        }
    }
}
