package dev.coffer.template.funcs.eso;

import static dev.coffer.template.funcs.ParamType.ANY;
import static dev.coffer.template.funcs.ParamType.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.value.GoValues;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * external-secrets' toYaml and fromYaml (yaml.go, via sigs.k8s.io/yaml). toYaml gives "" when the
 * value cannot be marshalled and drops the final newline; fromYaml never fails: a problem is put
 * under the "Error" key of the result, and numbers come back as float64 since the conversion goes
 * through JSON.
 */
public final class EsoYamlFunctions {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private EsoYamlFunctions() {
    }

    public static void register(FunctionRegistry.Builder r) {
        r.add("toYaml", a -> {
            String y = GoYaml.marshal(a[0]);
            return y == null ? "" : y.endsWith("\n") ? y.substring(0, y.length() - 1) : y;
        }, ANY);
        r.add("fromYaml", a -> fromYaml(GoValues.str(a[0])), STRING);
    }

    private static Map<String, Object> fromYaml(String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        JsonNode node;
        try {
            node = YAML.readTree(text);
        } catch (Exception e) {
            m.put("Error", "error converting YAML to JSON: yaml: the document is not valid YAML");
            return m;
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return m;
        }
        if (!node.isObject()) {
            m.put("Error", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal " + jsonKind(node)
                    + " into Go value of type map[string]interface {}");
            return m;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            m.put(e.getKey(), convert(e.getValue()));
        }
        return m;
    }

    private static String jsonKind(JsonNode node) {
        if (node.isArray()) {
            return "array";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        return "string";
    }

    private static Object convert(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), convert(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(convert(x)));
            return l;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNull()) {
            return null;
        }
        return n.asText();
    }
}
