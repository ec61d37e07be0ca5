package dev.coffer.generator;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** The UUID generator: a random (version 4) UUID under key {@code uuid}, as upstream. */
public final class UuidGenerator implements Generator {

    @Override
    public String kind() {
        return "UUID";
    }

    @Override
    public Generated generate(ResolvedGenerator generator, GeneratorContext context) {
        // UUID.randomUUID draws from a SecureRandom.
        return Generated.of(Map.of("uuid", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
    }
}
