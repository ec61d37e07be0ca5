package dev.coffer.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.api.externalsecrets.v1.DecodingStrategy;
import dev.coffer.api.externalsecrets.v1.ExternalSecretTemplate;
import dev.coffer.api.externalsecrets.v1.TemplateFrom;
import dev.coffer.api.externalsecrets.v1.TemplateRef;
import dev.coffer.api.externalsecrets.v1.TemplateRefItem;
import dev.coffer.api.externalsecrets.v1.TemplateScope;
import dev.coffer.redaction.ValueRedactor;
import dev.coffer.template.TemplateException;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ESO's template engine v2 on Coffer's Go template engine: {@code templateFrom} entries first
 * (their values decoded per {@code valuesDecodingStrategy}), then {@code template.data}, so
 * explicit template data wins; metadata labels and annotations are
 * templates too. Each template sees the provider data as {@code .key}. Errors carry the template
 * position; any fetched value they would quote is redacted, whatever its length.
 */
public final class GoTemplater implements SecretTemplater {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final TemplateCache cache = new TemplateCache(4096);

    @Override
    public TemplatedSecret render(ExternalSecretTemplate template, Map<String, byte[]> data, TemplateSources sources) {
        Data values = new Data(new TreeMap<>(data), ValueRedactor.of(data.values()));
        boolean rendersData = (template.data != null && !template.data.isEmpty())
                || (template.templateFrom != null && !template.templateFrom.isEmpty());
        Map<String, byte[]> out = rendersData ? new LinkedHashMap<>() : new LinkedHashMap<>(data);
        Map<String, String> labels = new TreeMap<>();
        Map<String, String> annotations = new TreeMap<>();
        if (template.templateFrom != null) {
            for (int i = 0; i < template.templateFrom.size(); i++) {
                applyTemplateFrom(template.templateFrom.get(i), "templateFrom[" + i + "]", values, sources, out, labels, annotations);
            }
        }
        if (template.metadata != null) {
            renderStrings(template.metadata.labels, "metadata.labels.", values, labels);
            renderStrings(template.metadata.annotations, "metadata.annotations.", values, annotations);
        }
        if (template.data != null) {
            for (Map.Entry<String, String> e : new TreeMap<>(template.data).entrySet()) {
                out.put(e.getKey(), execute("data." + e.getKey(), e.getValue(), values));
            }
        }
        return new TemplatedSecret(out, labels, annotations);
    }

    @Override
    public String transformKey(String template, String key, String where) {
        Data values = new Data(Map.of("value", key), ValueRedactor.of(List.of()));
        return new String(execute(where + ".transform", template, values), StandardCharsets.UTF_8);
    }

    private void applyTemplateFrom(TemplateFrom from, String where, Data values, TemplateSources sources,
                                   Map<String, byte[]> data, Map<String, String> labels, Map<String, String> annotations) {
        String target = from.target == null || from.target.isEmpty() ? "Data" : from.target;
        if (!target.equals("Data") && !target.equals("Annotations") && !target.equals("Labels")) {
            throw new InvalidSpecException(where + ".target must be Data, Annotations or Labels, not \"" + target + "\"");
        }
        DecodingStrategy decoding = from.valuesDecodingStrategy;
        if (from.literal != null) {
            putAll(decoded(parseMap(execute(where + ".literal", from.literal, values), where + ".literal"), decoding),
                    target, data, labels, annotations);
        }
        if (from.configMap != null) {
            Map<String, String> cm = sources.configMaps().getOrDefault(from.configMap.name, Map.of());
            renderItems(from.configMap, where + ".configMap", k -> cm.get(k), values, decoding, target, data, labels,
                    annotations);
        }
        if (from.secret != null) {
            Map<String, byte[]> secret = sources.secrets().getOrDefault(from.secret.name, Map.of());
            renderItems(from.secret, where + ".secret", k -> secret.containsKey(k)
                    ? new String(secret.get(k), StandardCharsets.UTF_8) : null, values, decoding, target, data, labels,
                    annotations);
        }
    }

    /** valuesDecodingStrategy (ESO #6482): rendered values are decoded before they are applied; keys never. */
    private static Map<String, byte[]> decoded(Map<String, byte[]> rendered, DecodingStrategy decoding) {
        if (decoding == null || decoding == DecodingStrategy.None) {
            return rendered;
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        rendered.forEach((k, v) -> out.put(k, ValueDecoding.decode(v, decoding, k)));
        return out;
    }

    private void renderItems(TemplateRef ref, String where, java.util.function.Function<String, String> source,
                             Data values, DecodingStrategy decoding, String target, Map<String, byte[]> data,
                             Map<String, String> labels, Map<String, String> annotations) {
        if (ref.items == null) {
            return;
        }
        for (TemplateRefItem item : ref.items) {
            String text = source.apply(item.key);
            if (text == null) {
                throw new InvalidSpecException(where + " \"" + ref.name + "\" has no key \"" + item.key + "\"");
            }
            byte[] rendered = execute(where + "." + item.key, text, values);
            Map<String, byte[]> entries = item.templateAs == TemplateScope.KeysAndValues
                    ? parseMap(rendered, where + "." + item.key) : Map.of(item.key, rendered);
            putAll(decoded(entries, decoding), target, data, labels, annotations);
        }
    }

    private static void putAll(Map<String, byte[]> entries, String target, Map<String, byte[]> data,
                               Map<String, String> labels, Map<String, String> annotations) {
        entries.forEach((k, v) -> {
            switch (target) {
                case "Labels" -> labels.put(k, new String(v, StandardCharsets.UTF_8));
                case "Annotations" -> annotations.put(k, new String(v, StandardCharsets.UTF_8));
                default -> data.put(k, v);
            }
        });
    }

    private void renderStrings(Map<String, String> templates, String prefix, Data values, Map<String, String> out) {
        if (templates == null) {
            return;
        }
        templates.forEach((k, v) -> out.put(k, new String(execute(prefix + k, v, values), StandardCharsets.UTF_8)));
    }

    private byte[] execute(String name, String text, Data values) {
        try {
            return cache.get(name, text).executeBytes(values.values());
        } catch (TemplateException e) {
            throw new InvalidSpecException("template error: " + values.redactor().redact(e.getMessage(), e.detail()));
        }
    }

    /** What templates see, and the redactor that keeps it out of their errors. */
    private record Data(Map<String, Object> values, ValueRedactor redactor) {
    }

    /** The rendered text of a KeysAndValues or literal template: a YAML map of keys to values. */
    private static Map<String, byte[]> parseMap(byte[] rendered, String where) {
        JsonNode node;
        try {
            node = YAML.readTree(rendered);
        } catch (java.io.IOException e) {
            // No cause or parser text: the rendered text holds secret values.
            throw new InvalidSpecException(where + " did not render a YAML map of keys to values");
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new InvalidSpecException(where + " did not render a YAML map of keys to values");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), text(e.getValue()));
        }
        return out;
    }

    private static byte[] text(JsonNode v) {
        if (v.isValueNode()) {
            return v.asText().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return new ObjectMapper().writeValueAsBytes(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a parsed YAML node", e);
        }
    }
}
