package dev.coffer.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code helm/coffer} with real Helm (helm-java's bundled native library), the way
 * {@code helm template} does, and parses the result into manifests.
 */
public final class CofferChart {

    static final Path CHART = Path.of("helm", "coffer");
    public static final String RELEASE = "coffer";
    public static final String NAMESPACE = "coffer-system";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CofferChart() {
    }

    /** {@code helm template coffer helm/coffer -n coffer-system --set k=v ...}; Helm's error on failure. */
    static String template(Map<String, ?> sets) {
        return template(RELEASE, sets);
    }

    /** The same, as release {@code release} (the peers tier installs several side by side). */
    public static String template(String release, Map<String, ?> sets) {
        TemplateCommand cmd = new Helm(CHART).template().withName(release).withNamespace(NAMESPACE);
        sets.forEach(cmd::set);
        return cmd.call();
    }

    static List<ObjectNode> render(Map<String, ?> sets) {
        return parse(template(sets));
    }

    public static List<ObjectNode> render(String release, Map<String, ?> sets) {
        return parse(template(release, sets));
    }

    /** Every non-empty document of a multi-document YAML stream. */
    public static List<ObjectNode> parse(String yaml) {
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            List<ObjectNode> docs = new ArrayList<>();
            var it = YAML.readValues(parser, ObjectNode.class);
            while (it.hasNext()) {
                ObjectNode doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ObjectNode> ofKind(List<ObjectNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    static ObjectNode one(List<ObjectNode> docs, String kind) {
        List<ObjectNode> found = ofKind(docs, kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }
}
