package dev.coffer.sealing.kubeseal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes objects as text: multi-document YAML or JSON in (JSON is YAML), JSON or YAML out.
 * Errors name the document, never its content.
 */
public final class Documents {

    private static final KubernetesSerialization KUBE = new KubernetesSerialization();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON_IN = new ObjectMapper();
    private static final ObjectMapper JSON_OUT = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final YAMLMapper YAML_OUT = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .stringQuotingChecker(YamlQuoting.INSTANCE)
            .build());

    private Documents() {
    }

    /**
     * Every non-empty document of a text: YAML documents, or JSON objects one after another (as
     * kubeseal prints them). A List document ("kind: List" with items) is flattened.
     */
    public static List<ObjectNode> read(String text, String source) throws IOException {
        if (text.stripLeading().startsWith("{")) {
            try {
                return read(text, source, JSON_IN);
            } catch (IOException e) {
                // JSON documents separated by "---" are YAML, not a JSON stream
            }
        }
        return read(text, source, YAML);
    }

    private static List<ObjectNode> read(String text, String source, ObjectMapper mapper) throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            for (JsonNode node : mapper.readValues(parser, JsonNode.class).readAll()) {
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                if (!node.isObject()) {
                    throw new IOException(source + ": a document is not an object");
                }
                if (node.path("kind").asText().endsWith("List") && node.has("items")) {
                    for (JsonNode item : node.get("items")) {
                        out.add((ObjectNode) item);
                    }
                } else {
                    out.add((ObjectNode) node);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException(source + ": not valid YAML or JSON", e);
        }
        return out;
    }

    /**
     * The document as a typed object. Jackson's own message can quote the offending value (a
     * Secret's data), so a mismatch is reported by its field path alone.
     */
    public static <T> T as(ObjectNode node, Class<T> type) {
        try {
            return KUBE.convertValue(node, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + fieldPath(e.getCause()));
        }
    }

    private static String fieldPath(Throwable cause) {
        if (!(cause instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder(": wrong type at ");
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return path.toString();
    }

    public static <T> T readOne(String text, String source, Class<T> type) throws IOException {
        List<ObjectNode> docs = read(text, source);
        if (docs.size() != 1) {
            throw new IOException(source + ": expected one object, found " + docs.size());
        }
        return as(docs.get(0), type);
    }

    /** JSON (kubeseal's default output) or YAML. */
    public static String write(Object object, boolean yaml) {
        try {
            JsonNode tree = KUBE.convertValue(object, JsonNode.class);
            return yaml ? YAML_OUT.writeValueAsString(tree) : JSON_OUT.writeValueAsString(tree) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + object.getClass().getSimpleName(), e);
        }
    }
}
