package dev.coffer.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ESO's own PushSecret and ClusterExternalSecret documentation snippets
 * ({@code src/test/resources/eso-snippets}, see its README) are accepted by Coffer's CRDs, field
 * for field (unknown fields and wrong types fail, as in {@link ManifestSchemaTest}).
 */
class UpstreamSnippetsTest {

    @Test
    void everyEsoSnippetIsAcceptedByTheCrds() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("src", "test", "resources", "eso-snippets"))) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        int pushOrFanout = 0;
        for (Path f : files) {
            for (ObjectNode doc : CofferChart.parse(Files.readString(f))) {
                ManifestSchemaTest.assertValid(doc);
                String kind = doc.path("kind").asText();
                pushOrFanout += kind.equals("PushSecret") || kind.equals("ClusterExternalSecret") ? 1 : 0;
            }
        }
        assertThat(pushOrFanout).as("PushSecrets and ClusterExternalSecrets among the snippets").isEqualTo(7);
    }
}
