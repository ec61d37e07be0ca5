package dev.coffer.sealing;

import dev.coffer.sealing.keys.KeyGenerator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Keys for tests, generated once per JVM: key(0) is the oldest. 2048 bits keeps tests quick; sizes do not matter to the logic. */
public final class TestKeys {

    private static final List<SealingKey> KEYS = new ArrayList<>();

    private TestKeys() {
    }

    public static synchronized SealingKey key(int index) {
        while (KEYS.size() <= index) {
            Instant notBefore = Instant.parse("2025-01-01T00:00:00Z").plus(Duration.ofDays(30L * KEYS.size()));
            KEYS.add(KeyGenerator.generate(2048, KeyGenerator.DEFAULT_VALIDITY, notBefore, new SecureRandom()));
        }
        return KEYS.get(index);
    }
}
