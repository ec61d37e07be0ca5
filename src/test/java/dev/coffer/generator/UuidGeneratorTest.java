package dev.coffer.generator;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UuidGeneratorTest {

    private static String uuid() {
        Map<String, byte[]> out = new UuidGenerator().generate(
                new ResolvedGenerator("UUID", "id", false, 1, null, "f"), new GeneratorContext("apps", null, null)).values();
        assertThat(out).containsOnlyKeys("uuid");
        return new String(out.get("uuid"), StandardCharsets.UTF_8);
    }

    @Test
    void producesARandomVersion4UuidUnderKeyUuid() {
        String a = uuid();
        assertThat(a).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(uuid()).isNotEqualTo(a);
    }
}
