package dev.coffer.provider.vault;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.StoreIdentity;
import dev.coffer.testsupport.InMemoryKube;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The manifests under examples/vault parse into Coffer's types and their stores pass validation. */
class VaultExamplesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void examplesParseAndValidate() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("examples/vault"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
        int stores = 0;
        int externalSecrets = 0;
        for (Path f : files) {
            for (JsonNode doc : YAML.readValues(YAML.createParser(f.toFile()), JsonNode.class).readAll()) {
                String kind = doc.path("kind").asText();
                String ns = doc.path("metadata").path("namespace").asText(null);
                if (kind.endsWith("SecretStore")) {
                    SecretStoreSpec spec = YAML.treeToValue(doc.get("spec"), SecretStoreSpec.class);
                    StoreIdentity id = new StoreIdentity(kind, ns, doc.path("metadata").path("name").asText());
                    new VaultProviderImpl().validate(new StoreContext(id, 1, spec, ns == null ? "web" : ns, new InMemoryKube()));
                    stores++;
                } else if ("ExternalSecret".equals(kind)) {
                    YAML.treeToValue(doc, ExternalSecret.class);
                    externalSecrets++;
                }
            }
        }
        assertThat(stores).isEqualTo(2);
        assertThat(externalSecrets).isEqualTo(3);
    }
}
