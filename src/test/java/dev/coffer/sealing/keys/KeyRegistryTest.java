package dev.coffer.sealing.keys;

import dev.coffer.sealing.Scope;
import dev.coffer.sealing.TestKeys;
import dev.coffer.sealing.controller.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KeyRegistryTest {

    @Test
    void aGeneratedKeySurvivesAStaleWatchUntilTheWatchReportsIt() {
        KeyRegistry registry = new KeyRegistry(new SimpleMeterRegistry());
        List<KeyRing> seen = new ArrayList<>();
        registry.onChange(seen::add);
        registry.replace(new KeyRing(List.of(TestKeys.key(0))));
        registry.add(TestKeys.key(1));
        registry.replace(new KeyRing(List.of(TestKeys.key(0))));
        assertThat(registry.ring().newest()).contains(TestKeys.key(1));
        registry.replace(new KeyRing(List.of(TestKeys.key(0), TestKeys.key(1))));
        registry.replace(new KeyRing(List.of(TestKeys.key(0))));
        assertThat(registry.ring().newestFirst()).containsExactly(TestKeys.key(0));
        assertThat(seen).hasSize(3);
    }

    @Test
    void aBatchSealedWithAnOlderKeyPaysTheWrongKeysOnceNotPerSealedSecret() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        KeyRegistry registry = new KeyRegistry(meters);
        registry.replace(new KeyRing(List.of(TestKeys.key(0), TestKeys.key(1), TestKeys.key(2))));
        for (int i = 0; i < 4; i++) {
            registry.unseal(Fixtures.sealed(TestKeys.key(0).publicKey(), "ns", "s" + i, Scope.STRICT,
                    Map.of("a", "1", "b", "2")));
        }
        // the newer two keys are tried once, on the first value of the first SealedSecret only
        assertThat(meters.counter("coffer_sealing_rsa_operations_total").count()).isEqualTo(8 + 2);
    }
}
