package dev.coffer.provider.webhook;

import dev.coffer.api.externalsecrets.v1.providers.WebhookProvider;
import dev.coffer.api.externalsecrets.v1.providers.WebhookSecret;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.StoreContext;
import dev.coffer.gocompat.GoDuration;
import io.fabric8.kubernetes.api.model.Secret;
import io.micrometer.core.instrument.MeterRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One configured webhook: renders url, body and headers for a reference, sends the request and
 * hands back the answer and the rendered jsonPath. The provider and the Webhook generator both
 * call it, so both behave the same.
 */
public final class WebhookCall {

    /** The label a Secret offered to webhook templates must carry, as upstream enforces. */
    static final String TYPE_LABEL = "external-secrets.io/type";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The answer and the jsonPath rendered for the same reference. */
    public record Answer(byte[] body, String jsonPath) {
    }

    private final StoreContext store;
    private final WebhookProvider spec;
    private final String field;
    private final WebhookHttp http;

    /**
     * @param field where the block sits, for messages ({@code spec.provider.webhook}, {@code spec})
     */
    public WebhookCall(StoreContext store, WebhookProvider spec, String field, MeterRegistry meters) {
        validate(store, spec, field);
        this.store = store;
        this.spec = spec;
        this.field = field;
        this.http = new WebhookHttp(WebhookTls.context(store, spec.caBundle, spec.caProvider, field), timeout(spec, field), meters);
    }

    /** Static checks, without I/O. */
    public static void validate(StoreContext store, WebhookProvider spec, String field) {
        if (spec.url == null || spec.url.isBlank()) {
            throw ProviderException.invalidConfig(field + ".url is required");
        }
        timeout(spec, field);
        if (spec.auth != null && spec.auth.ntlm != null) {
            // The JDK HTTP client has no NTLM handshake; refusing beats sending the password as Basic auth.
            throw ProviderException.invalidConfig(field + ".auth.ntlm is not supported by Coffer yet");
        }
        for (WebhookSecret s : secrets(spec)) {
            if (s.name == null || s.name.isBlank() || s.secretRef == null || s.secretRef.name == null || s.secretRef.name.isBlank()) {
                throw ProviderException.invalidConfig(field + ".secrets[] needs a name and a secretRef.name");
            }
            if (store.identity().isCluster() && (s.secretRef.namespace == null || s.secretRef.namespace.isBlank())) {
                throw ProviderException.invalidConfig(field + ".secrets[" + s.name + "].secretRef.namespace is required in a cluster-scoped "
                        + "webhook");
            }
            store.namespaceOf(s.secretRef.namespace, field + ".secrets[" + s.name + "].secretRef");
        }
    }

    /**
     * Calls the webhook for one reference.
     *
     * @param remoteRef key, version, property (the namespace is added)
     * @param subject   what is being read, for messages
     */
    public Answer call(Map<String, String> remoteRef, String subject) {
        Map<String, String> ref = new LinkedHashMap<>(remoteRef);
        ref.put("namespace", store.consumerNamespace() == null ? "" : store.consumerNamespace());
        Map<String, Map<String, String>> secrets = secretData();
        Map<String, Object> raw = WebhookTemplates.data(ref, secrets, false);
        Map<String, Object> escaped = WebhookTemplates.data(ref, secrets, true);
        String url = WebhookTemplates.render(field + ".url", spec.url, escaped);
        String body = WebhookTemplates.render(field + ".body", spec.body, raw);
        Map<String, String> headers = new TreeMap<>();
        if (spec.headers != null) {
            spec.headers.forEach((name, value) -> headers.put(name, WebhookTemplates.render(field + ".headers." + name, value, raw)));
        }
        String method = spec.method == null || spec.method.isBlank() ? "GET" : spec.method;
        String jsonPath = spec.result == null ? "" : WebhookTemplates.render(field + ".result.jsonPath", spec.result.jsonPath, raw);
        return new Answer(http.send(method, url, headers, body, spec.url, subject), jsonPath);
    }

    /**
     * Calls the webhook and reads its answer as a key/value map, by upstream's rules for
     * {@code dataFrom.extract}: what the Webhook generator returns.
     */
    public Map<String, byte[]> values(Map<String, String> remoteRef, String subject) {
        Answer answer = call(remoteRef, subject);
        return WebhookResults.map(answer.body(), answer.jsonPath(), subject);
    }

    /** The Secrets offered to the templates, read on every call as upstream (so a rotated one is used at once). */
    private Map<String, Map<String, String>> secretData() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (WebhookSecret s : secrets(spec)) {
            String what = field + ".secrets[" + s.name + "]";
            String ns = store.namespaceOf(s.secretRef.namespace, what);
            Secret secret = store.kube().secret(ns, s.secretRef.name).orElseThrow(() ->
                    ProviderException.invalidConfig(what + ": Secret " + ns + "/" + s.secretRef.name + " not found"));
            Map<String, String> labels = secret.getMetadata() == null ? null : secret.getMetadata().getLabels();
            if (labels == null || !"webhook".equals(labels.get(TYPE_LABEL))) {
                throw ProviderException.invalidConfig(what + ": Secret " + ns + "/" + s.secretRef.name
                        + " needs the label " + TYPE_LABEL + ": webhook to be used by a webhook");
            }
            Map<String, String> values = out.computeIfAbsent(s.name, k -> new LinkedHashMap<>());
            if (secret.getData() != null) {
                secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
            }
            if (secret.getStringData() != null) {
                values.putAll(secret.getStringData());
            }
        }
        return out;
    }

    private static List<WebhookSecret> secrets(WebhookProvider spec) {
        return spec.secrets == null ? List.of() : spec.secrets;
    }

    private static Duration timeout(WebhookProvider spec, String field) {
        if (spec.timeout == null || spec.timeout.isBlank()) {
            return DEFAULT_TIMEOUT;
        }
        Duration d;
        try {
            d = GoDuration.parse(spec.timeout);
        } catch (RuntimeException e) {
            throw ProviderException.invalidConfig(field + ".timeout \"" + spec.timeout + "\" is not a Go duration");
        }
        if (d.isNegative() || d.isZero()) {
            throw ProviderException.invalidConfig(field + ".timeout must be positive");
        }
        return d;
    }
}
