package dev.coffer.generator;

import dev.coffer.provider.ProviderException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the generator for a kind. Plain Java, so the operator and the commands share it; the
 * kinds Coffer ships are listed in the {@code catalog} package.
 */
public final class GeneratorRegistry {

    private final Map<String, Generator> generators = new LinkedHashMap<>();

    public GeneratorRegistry(List<Generator> generators) {
        generators.forEach(g -> this.generators.put(g.kind(), g));
    }

    public Generator forKind(String kind) {
        Generator g = generators.get(kind);
        if (g == null) {
            throw ProviderException.invalidConfig("generator kind \"" + kind + "\" is not supported by Coffer yet");
        }
        return g;
    }

    public boolean supports(String kind) {
        return generators.containsKey(kind);
    }
}
