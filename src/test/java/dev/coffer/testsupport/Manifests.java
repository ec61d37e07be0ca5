package dev.coffer.testsupport;

import io.fabric8.kubernetes.api.model.HasMetadata;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.UncheckedIOException;

/** Builds typed resources from YAML text blocks, so tests read like the manifests users write. */
public final class Manifests {

    private Manifests() {
    }

    public static <T extends HasMetadata> T parse(String yaml, Class<T> type) {
        return Serialization.unmarshal(yaml, type);
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Any API fragment (a remoteRef, a find) from YAML, including flow style such as {key: a}. */
    public static <T> T fragment(String yaml, Class<T> type) {
        try {
            return YAML.readValue(yaml, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
