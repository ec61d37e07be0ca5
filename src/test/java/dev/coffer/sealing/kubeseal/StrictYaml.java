package dev.coffer.sealing.kubeseal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML the way a strict Kubernetes client does: YAML 1.1 scalar resolution (a bare
 * {@code 1}, {@code 0x1F}, {@code yes} or {@code 2024-01-01} is a number, boolean or date), then
 * binding to the typed object with no coercion of such scalars into strings, and no null values.
 * A manifest that passes is one {@code kubectl apply} takes as written.
 */
public final class StrictYaml {

    private static final ObjectMapper STRICT = strictMapper();

    private StrictYaml() {
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** Every document of the text as {@code type}; fails on an empty document, a null value or a scalar of the wrong type. */
    public static <T> List<T> readAll(String text, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (doc == null) {
                throw new IllegalArgumentException("an empty YAML document");
            }
            requireNoNulls(doc, "");
            out.add(STRICT.convertValue(doc, type));
        }
        return out;
    }

    private static void requireNoNulls(Object node, String path) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException(path + ": key " + e.getKey() + " reads as " + e.getKey().getClass().getSimpleName());
                }
                if (e.getValue() == null) {
                    throw new IllegalArgumentException(path + "." + e.getKey() + " reads as null");
                }
                requireNoNulls(e.getValue(), path + "." + e.getKey());
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> requireNoNulls(item, path + "[]"));
        }
    }
}
