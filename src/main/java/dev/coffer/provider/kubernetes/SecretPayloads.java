package dev.coffer.provider.kubernetes;

import dev.coffer.provider.JsonValues;
import dev.coffer.provider.ProviderException;
import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a remote Secret looks like to an ExternalSecret, as upstream's kubernetes provider
 * shapes it: the data keys as bytes; the whole Secret as a JSON object of string values (keys
 * sorted, as Go's encoder does); the metadata as {@code {"annotations":{…},"labels":{…}}}.
 * Absent labels or annotations come out as {@code {}} (upstream prints {@code null}; fabric8's
 * model cannot tell absent from empty, and {@code {}} is what templates expect).
 */
final class SecretPayloads {

    static final String LABELS = "labels";
    static final String ANNOTATIONS = "annotations";

    private SecretPayloads() {
    }

    /**
     * The Secret's data, decoded. A real API server folds {@code stringData} into {@code data};
     * the CRUD mock API of the embedded mode stores it as written, so it is folded in here, winning
     * over {@code data} as it does on a server.
     */
    static Map<String, byte[]> data(Secret secret) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> out.put(k, v == null ? new byte[0] : Base64.getMimeDecoder().decode(v)));
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((k, v) -> out.put(k, v == null ? new byte[0] : v.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** The whole Secret as a JSON object of its data keys, values as strings. */
    static byte[] dataJson(Secret secret) {
        Map<String, String> strings = new TreeMap<>();
        data(secret).forEach((k, v) -> strings.put(k, new String(v, StandardCharsets.UTF_8)));
        return JsonValues.toJson(strings);
    }

    /** Labels and annotations, each as a JSON object. */
    static Map<String, byte[]> metadata(Secret secret) {
        Map<String, byte[]> out = new TreeMap<>();
        out.put(ANNOTATIONS, JsonValues.toJson(sorted(secret.getMetadata().getAnnotations())));
        out.put(LABELS, JsonValues.toJson(sorted(secret.getMetadata().getLabels())));
        return out;
    }

    static byte[] metadataJson(Secret secret) {
        Map<String, Object> both = new TreeMap<>();
        both.put(ANNOTATIONS, sorted(secret.getMetadata().getAnnotations()));
        both.put(LABELS, sorted(secret.getMetadata().getLabels()));
        return JsonValues.toJson(both);
    }

    /**
     * One data key; a key that is not there, but whose prefix up to the first dot is, reads a
     * property of that key's JSON value ({@code config.json} is a key, {@code db.host} a property of {@code db}).
     */
    static byte[] dataProperty(Secret secret, String property, String key) {
        Map<String, byte[]> data = data(secret);
        if (data.containsKey(property)) {
            return data.get(property);
        }
        int dot = property.indexOf('.');
        if (dot > 0 && dot < property.length() - 1 && data.containsKey(property.substring(0, dot))) {
            String inner = property.substring(0, dot);
            return JsonValues.property(data.get(inner), property.substring(dot + 1), key + "/" + inner);
        }
        throw ProviderException.missingValue("key \"" + property + "\" not found in Secret \"" + key + "\"");
    }

    /**
     * One metadata entry: {@code labels} or {@code annotations} (the map as JSON), {@code labels.NAME}
     * (one value; NAME may contain dots), or {@code annotations.NAME.PATH} (a property of that value's JSON).
     */
    static byte[] metadataProperty(Secret secret, String property, String key) {
        int dot = property.indexOf('.');
        String head = dot < 0 ? property : property.substring(0, dot);
        Map<String, String> map;
        if (LABELS.equals(head)) {
            map = secret.getMetadata().getLabels();
        } else if (ANNOTATIONS.equals(head)) {
            map = secret.getMetadata().getAnnotations();
        } else {
            throw ProviderException.invalidConfig("metadata property \"" + property + "\" not found in Secret \"" + key
                    + "\": it must start with labels or annotations");
        }
        if (dot < 0) {
            return JsonValues.toJson(sorted(map));
        }
        Map<String, String> entries = map == null ? Map.of() : map;
        String rest = property.substring(dot + 1);
        if (entries.containsKey(rest)) {
            return entries.get(rest).getBytes(StandardCharsets.UTF_8);
        }
        int inner = rest.indexOf('.');
        if (inner > 0 && entries.containsKey(rest.substring(0, inner))) {
            String name = rest.substring(0, inner);
            return JsonValues.property(entries.get(name).getBytes(StandardCharsets.UTF_8), rest.substring(inner + 1),
                    key + "/" + head + "." + name);
        }
        throw ProviderException.missingValue("metadata property \"" + property + "\" not found in Secret \"" + key + "\"");
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? new TreeMap<>() : new TreeMap<>(map);
    }
}
