package dev.coffer.generator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Optional;

/** Where generator objects are read from: the API server in the operator. */
@FunctionalInterface
public interface GeneratorLookup {

    /** @param namespace null for a cluster-scoped kind */
    <T extends HasMetadata> Optional<T> find(Class<T> type, String namespace, String name);

    static GeneratorLookup of(KubernetesClient client) {
        return new GeneratorLookup() {
            @Override
            public <T extends HasMetadata> Optional<T> find(Class<T> type, String namespace, String name) {
                var resources = client.resources(type);
                return Optional.ofNullable(namespace == null ? resources.withName(name).get()
                        : resources.inNamespace(namespace).withName(name).get());
            }
        };
    }
}
