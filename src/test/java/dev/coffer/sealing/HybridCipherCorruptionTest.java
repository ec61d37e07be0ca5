package dev.coffer.sealing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Corrupted GCM parts (found by {@link SealedPayloadFuzzTest}): shorter than the tag, or
 * otherwise refused by the JDK with an unchecked exception, are "tampered or corrupted", never a crash.
 */
class HybridCipherCorruptionTest {

    @Test
    void aGcmPartShorterThanItsTagIsCorrupted() {
        for (int length = 0; length < 16; length++) {
            HybridCipher.Parts parts = new HybridCipher.Parts(new byte[256], new byte[length]);
            assertThatThrownBy(() -> HybridCipher.openData(new byte[32], parts))
                    .as("GCM part of %d bytes", length)
                    .isInstanceOf(SealingException.class)
                    .hasMessage("sealed value failed authentication (tampered or corrupted)");
        }
    }
}
