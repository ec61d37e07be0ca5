package dev.coffer.provider.webhook;

import dev.coffer.provider.ProviderException;
import dev.coffer.template.GoTemplate;
import dev.coffer.template.TemplateException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The template side of a webhook call, as upstream: the data is {@code .remoteRef} (key, version,
 * property, namespace) plus each named Secret as {@code .<name>.<key>}; the URL sees the
 * remoteRef values escaped as Go's {@code url.QueryEscape} does, the body, headers and jsonPath see
 * them raw. Templates run with Go's default missing-key rule, as upstream's do.
 */
final class WebhookTemplates {

    private WebhookTemplates() {
    }

    /** The template data for one reference; {@code escape} applies to the remoteRef values only, as upstream. */
    static Map<String, Object> data(Map<String, String> remoteRef, Map<String, Map<String, String>> secrets, boolean escape) {
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, String> ref = new LinkedHashMap<>();
        remoteRef.forEach((k, v) -> ref.put(k, escape && !k.equals("namespace") ? queryEscape(v) : v));
        data.put("remoteRef", ref);
        secrets.forEach((name, values) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> merged = data.get(name) instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
            merged.putAll(values);
            data.put(name, merged);
        });
        return data;
    }

    /** Renders one template; empty text renders empty. Errors name the field, and Go's position text (never data). */
    static String render(String field, String text, Map<String, Object> data) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        try {
            byte[] out = GoTemplate.parse("webhooktemplate", text).executeBytes(data, GoTemplate.MissingKey.DEFAULT);
            return new String(out, StandardCharsets.UTF_8);
        } catch (TemplateException e) {
            throw ProviderException.invalidConfig("webhook " + field + ": " + e.getMessage());
        }
    }

    /** Go's {@code url.QueryEscape}: space as '+', everything but letters, digits and {@code -_.~} percent-encoded. */
    static String queryEscape(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }
}
