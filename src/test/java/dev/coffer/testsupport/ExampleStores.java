package dev.coffer.testsupport;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.StoreIdentity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SecretStores and ClusterSecretStores of an examples folder, bound to the API classes with
 * unknown fields failing, as store contexts (a cluster store serves {@code consumerNamespace}).
 */
public final class ExampleStores {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A store of an example file. */
    public record Example(Path file, StoreContext store) {
    }

    private ExampleStores() {
    }

    public static List<Example> in(Path folder, String consumerNamespace) {
        List<Example> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path file : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode doc : YAML.readValues(YAML.getFactory().createParser(file.toFile()), JsonNode.class).readAll()) {
                    String kind = doc.path("kind").asText();
                    if (!kind.endsWith("SecretStore")) {
                        continue;
                    }
                    SecretStoreSpec spec = YAML.treeToValue(doc.path("spec"), SecretStoreSpec.class);
                    boolean cluster = kind.equals(StoreIdentity.CLUSTER_SECRET_STORE);
                    String ns = cluster ? null : doc.path("metadata").path("namespace").asText();
                    StoreIdentity id = new StoreIdentity(kind, ns, doc.path("metadata").path("name").asText());
                    out.add(new Example(file, new StoreContext(id, 1, spec, cluster ? consumerNamespace : ns, new InMemoryKube())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
