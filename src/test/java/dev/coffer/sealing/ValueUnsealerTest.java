package dev.coffer.sealing;

import dev.coffer.sealing.keys.KeyRing;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueUnsealerTest {

    private static Map<String, String> sealedWith(SealingKey key, int count) {
        SealedSecretSealer sealer = new SealedSecretSealer(key.publicKey(), new SecureRandom());
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            values.put("k" + i, sealer.sealValue(Scope.STRICT, "ns", "name", ("v" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return values;
    }

    private static final byte[] LABEL = "ns/name".getBytes(StandardCharsets.UTF_8);

    @Test
    void onceAKeyOpensAValueItIsTriedFirstForTheOthers() throws Exception {
        KeyRing ring = new KeyRing(List.of(TestKeys.key(0), TestKeys.key(1), TestKeys.key(2)));
        var result = ValueUnsealer.open(sealedWith(TestKeys.key(0), 10), LABEL, ring.newestFirst());
        // the oldest key is tried last for the first value only: 3 + 9, not 3 * 10
        assertThat(result.rsaOperations()).isEqualTo(12);
        assertThat(result.key()).isEqualTo(TestKeys.key(0));
        assertThat(new String(result.values().get("k7"), StandardCharsets.UTF_8)).isEqualTo("v7");
    }

    @Test
    void theKeyThatLastOpenedASealedSecretIsTriedFirst() throws Exception {
        KeyRing ring = new KeyRing(List.of(TestKeys.key(0), TestKeys.key(1), TestKeys.key(2)));
        var result = ValueUnsealer.open(sealedWith(TestKeys.key(0), 10), LABEL,
                ring.tryOrder(TestKeys.key(0).fingerprint()));
        assertThat(result.rsaOperations()).isEqualTo(10);
    }

    @Test
    void keysAreOrderedNewestFirst() {
        KeyRing ring = new KeyRing(List.of(TestKeys.key(1), TestKeys.key(0), TestKeys.key(2), TestKeys.key(1)));
        assertThat(ring.newestFirst()).containsExactly(TestKeys.key(2), TestKeys.key(1), TestKeys.key(0));
        assertThat(ring.tryOrder(TestKeys.key(0).fingerprint()))
                .containsExactly(TestKeys.key(0), TestKeys.key(2), TestKeys.key(1));
        assertThat(ring.tryOrder("SHA256:gone")).isEqualTo(ring.newestFirst());
    }

    @Test
    void noKeysIsAClearError() {
        assertThatThrownBy(() -> ValueUnsealer.open(Map.of("a", "AAAA"), LABEL, List.of()))
                .isInstanceOf(SealingException.class).hasMessage("no sealing key is available");
    }
}
