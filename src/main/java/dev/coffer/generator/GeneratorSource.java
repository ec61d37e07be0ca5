package dev.coffer.generator;

import dev.coffer.api.externalsecrets.v1.GeneratorRef;
import dev.coffer.provider.ProviderException;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Gives the fetch step the values of the spec items that name a generator. Per sync: it
 * decides, item by item, whether earlier values are kept (a still-valid lease) or new ones
 * generated, and records what each item produced.
 */
public interface GeneratorSource {

    /** For callers that have no generators (every call fails with a clear message). */
    GeneratorSource NONE = new GeneratorSource() {
        @Override
        public Optional<Map<String, byte[]>> reuse(String source, GeneratorRef ref) {
            return Optional.empty();
        }

        @Override
        public Map<String, byte[]> generate(String source, GeneratorRef ref) {
            throw ProviderException.invalidConfig(source + ": generators are not available here");
        }

        @Override
        public void produced(String source, Collection<String> keys) {
        }
    };

    /**
     * The values the item produced at an earlier sync, as the target Secret holds them (final
     * keys), when they are to be kept; empty when new values must be generated.
     *
     * @param source the spec item, e.g. "spec.dataFrom[0]"
     */
    Optional<Map<String, byte[]>> reuse(String source, GeneratorRef ref);

    /** New values from the generator, keyed as the generator names them. */
    Map<String, byte[]> generate(String source, GeneratorRef ref);

    /** The Secret keys the item finally contributed (after rewrite), so later syncs can keep them. */
    void produced(String source, Collection<String> keys);
}
