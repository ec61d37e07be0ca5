package dev.coffer.sealing.keys;

import dev.coffer.sealing.TestKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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
}
