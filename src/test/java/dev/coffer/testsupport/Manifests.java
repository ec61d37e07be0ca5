package dev.coffer.testsupport;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Builds typed resources from YAML text blocks, so tests read like the manifests users write. */
public final class Manifests {

    private Manifests() {
    }

    public static <T extends HasMetadata> T parse(String yaml, Class<T> type) {
        return Serialization.unmarshal(yaml, type);
    }
}
