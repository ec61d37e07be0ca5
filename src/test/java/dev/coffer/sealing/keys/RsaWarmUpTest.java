package dev.coffer.sealing.keys;

import dev.coffer.sealing.TestKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RsaWarmUpTest {

    @Test
    void everyWarmUpOperationIsARealDecryptThatSucceeds() {
        assertThat(RsaWarmUp.run(TestKeys.key(0), 3)).isEqualTo(3);
    }
}
