package dev.coffer.peers.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.RawApi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every manifest in {@code examples/} applies to a real API server with
 * {@code fieldValidation=Strict} (an unknown or duplicate field is an error there, where a
 * lenient apply would prune it silently), without warnings, and reads back with every field
 * it was written with.
 */
@Tag("peers")
class ExamplesOnApiServerTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyExampleAppliesStrictlyAndKeepsEveryField() throws IOException {
        KubeApiServerPeer peer = KubeApiServerPeer.shared();
        Crds.install(peer);
        RawApi api = new RawApi(peer.admin());
        List<Document> docs = documents();
        assertThat(docs).hasSizeGreaterThan(30);
        // namespaces the examples expect to exist already (their Namespace manifests apply too, below)
        docs.stream().map(d -> d.body().at("/metadata/namespace").asText()).filter(ns -> !ns.isEmpty())
                .distinct().forEach(peer::ensureNamespace);

        List<String> failures = new ArrayList<>();
        int applied = 0;
        for (Document doc : docs) {
            JsonNode body = doc.body();
            String kind = body.path("kind").asText();
            String name = body.at("/metadata/name").asText();
            String ns = body.at("/metadata/namespace").asText("default");
            RawApi.Resource resource = api.resource(body.path("apiVersion").asText(), kind);
            RawApi.Reply reply = api.post(resource.collection(ns) + "?fieldValidation=Strict", body);
            if (reply.code() == 409 && kind.equals("Namespace")) {
                continue; // created above, or declared by two example folders
            }
            if (reply.code() != 201 || !reply.warnings().isEmpty()) {
                failures.add(doc.where() + ": " + reply);
                continue;
            }
            applied++;
            JsonNode served = api.get(resource.item(ns, name), null).json();
            List<String> lost = JsonSubset.missing(withoutWriteOnly(body), served);
            if (!lost.isEmpty()) {
                failures.add(doc.where() + ": not kept by the server: " + lost);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(applied).isGreaterThan(25);
    }

    /** stringData is write-only: the server moves it into data. */
    private static JsonNode withoutWriteOnly(JsonNode body) {
        ObjectNode copy = body.deepCopy();
        copy.remove("stringData");
        return copy;
    }

    record Document(Path file, int index, JsonNode body) {
        String where() {
            return file + "#" + index + " (" + body.path("kind").asText() + " " + body.at("/metadata/name").asText() + ")";
        }
    }

    /** Every YAML document under examples/, in path order; Namespaces first. */
    static List<Document> documents() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("examples"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        List<Document> docs = new ArrayList<>();
        for (Path file : files) {
            try (var parser = new YAMLFactory().createParser(file.toFile())) {
                var it = YAML.readValues(parser, JsonNode.class);
                int i = 0;
                while (it.hasNext()) {
                    JsonNode doc = it.next();
                    if (doc != null && doc.isObject() && !doc.isEmpty()) {
                        docs.add(new Document(file, i, doc));
                    }
                    i++;
                }
            }
        }
        docs.sort((a, b) -> Boolean.compare(!a.body().path("kind").asText().equals("Namespace"),
                !b.body().path("kind").asText().equals("Namespace")));
        return docs;
    }
}
