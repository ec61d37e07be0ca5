package dev.coffer.generator;

import dev.coffer.api.generators.v1alpha1.FakeSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FakeGeneratorTest {

    private static Map<String, byte[]> generate(FakeSpec spec) {
        return new FakeGenerator().generate(new ResolvedGenerator("Fake", "demo", false, 1, spec, "f"),
                new GeneratorContext("apps", null, null)).values();
    }

    @Test
    void returnsSpecDataAsItIs() {
        FakeSpec spec = new FakeSpec();
        spec.data = Map.of("username", "admin", "json", "{\"a\": 1}", "empty", "");
        Map<String, byte[]> out = generate(spec);
        assertThat(out).containsOnlyKeys("username", "json", "empty");
        assertThat(new String(out.get("json"), StandardCharsets.UTF_8)).isEqualTo("{\"a\": 1}");
        assertThat(out.get("empty")).isEmpty();
    }

    @Test
    void noDataIsNoValues() {
        assertThat(generate(new FakeSpec())).isEmpty();
        assertThat(generate(null)).isEmpty();
    }
}
