package dev.coffer.peers.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.RawApi;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Installs every CRD in {@code crds/} on the shared real API server, once per JVM, the way
 * {@code kubectl apply --validate=strict} would (POST with {@code fieldValidation=Strict}), and
 * keeps each answer (code, warnings) for the tests that check them. Waits until every CRD is
 * Established, so its kinds are served.
 */
public final class Crds {

    static final String PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Map<Path, RawApi.Reply> installed;

    private Crds() {
    }

    /** The files of {@code crds/}, sorted. */
    static List<Path> files() {
        try (Stream<Path> s = Files.list(Path.of("crds"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode read(Path file) {
        try {
            return (ObjectNode) YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared API server, with the CRDs installed. */
    public static KubeApiServerPeer installedOn() {
        KubeApiServerPeer peer = KubeApiServerPeer.shared();
        install(peer);
        return peer;
    }

    /** Installs the CRDs (first call) and returns each file's answer. */
    static synchronized Map<Path, RawApi.Reply> install(KubeApiServerPeer peer) {
        if (installed == null) {
            RawApi api = new RawApi(peer.admin());
            Map<Path, RawApi.Reply> replies = new LinkedHashMap<>();
            for (Path file : files()) {
                replies.put(file, api.post(PATH + "?fieldValidation=Strict", read(file)));
            }
            for (Path file : files()) {
                String name = read(file).at("/metadata/name").asText();
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> "True".equals(condition(api.get(PATH + "/" + name, null).json(), "Established")));
            }
            installed = replies;
        }
        return installed;
    }

    /** The status of a condition of a served CRD, or null. */
    static String condition(JsonNode crd, String type) {
        for (JsonNode c : crd.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c.path("status").asText();
            }
        }
        return null;
    }
}
