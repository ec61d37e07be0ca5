package dev.coffer.generator;

import dev.coffer.api.generators.v1alpha1.FakeSpec;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Fake generator: {@code spec.data} as it is, for tests and demos. */
public final class FakeGenerator implements Generator {

    @Override
    public String kind() {
        return "Fake";
    }

    @Override
    public Generated generate(ResolvedGenerator generator, GeneratorContext context) {
        FakeSpec spec = generator.spec(FakeSpec.class);
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (spec != null && spec.data != null) {
            spec.data.forEach((k, v) -> out.put(k, (v == null ? "" : v).getBytes(StandardCharsets.UTF_8)));
        }
        return Generated.of(out);
    }
}
