package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.NullBytePolicy;
import dev.coffer.provider.ProviderException;
import dev.coffer.testsupport.TableSource;
import dev.coffer.testsupport.Tables;
import org.junit.jupiter.params.ParameterizedTest;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs src/test/resources/shaping/eso-null-bytes.yaml (ESO's null-byte policy tests) through {@link NullBytes}. */
class NullBytesTableTest {

    @ParameterizedTest(name = "{0}")
    @TableSource("shaping/eso-null-bytes.yaml")
    void checks(String name, Map<String, Object> c) {
        String policyName = (String) c.get("policy");
        NullBytePolicy policy = policyName.isEmpty() ? null : NullBytePolicy.valueOf(policyName);
        Map<String, byte[]> values = Tables.bytes(c.get("values"));
        if (c.containsKey("error")) {
            assertThatThrownBy(() -> NullBytes.check(policy, values)).isInstanceOf(ProviderException.class)
                    .hasMessageContaining((String) c.get("error"))
                    .hasMessageNotContaining("A\u0000B");
        } else {
            assertThatCode(() -> NullBytes.check(policy, values)).doesNotThrowAnyException();
        }
    }
}
