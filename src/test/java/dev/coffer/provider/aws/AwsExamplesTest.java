package dev.coffer.provider.aws;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.StoreIdentity;
import dev.coffer.testsupport.InMemoryKube;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The stores in examples/aws bind to the API classes (unknown fields fail) and pass validation. */
class AwsExamplesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void everyExampleStoreIsValid() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("examples/aws"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        List<String> validated = new ArrayList<>();
        for (Path file : files) {
            for (JsonNode doc : YAML.readValues(YAML.getFactory().createParser(file.toFile()), JsonNode.class).readAll()) {
                String kind = doc.path("kind").asText();
                if (!kind.endsWith("SecretStore")) {
                    continue;
                }
                SecretStoreSpec spec = YAML.treeToValue(doc.path("spec"), SecretStoreSpec.class);
                boolean cluster = kind.equals(StoreIdentity.CLUSTER_SECRET_STORE);
                String ns = cluster ? null : doc.path("metadata").path("namespace").asText();
                StoreIdentity id = new StoreIdentity(kind, ns, doc.path("metadata").path("name").asText());
                StoreContext store = new StoreContext(id, 1, spec, cluster ? "team-a" : ns, new InMemoryKube());
                assertThatCode(() -> new AwsProviderImpl().validate(store)).as(file + " " + id).doesNotThrowAnyException();
                validated.add(spec.provider.aws.service + "/" + (spec.provider.aws.auth.jwt != null ? "irsa" : "keys"));
            }
        }
        assertThat(validated).contains("SecretsManager/irsa", "SecretsManager/keys", "ParameterStore/irsa", "ParameterStore/keys");
    }
}
