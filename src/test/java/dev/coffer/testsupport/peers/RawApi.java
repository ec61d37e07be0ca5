package dev.coffer.testsupport.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plain API requests with a client's credentials, for what typed clients hide: the status code,
 * the body of an error, and the {@code Warning} headers the API server sends (unknown or
 * duplicate fields, deprecated versions, schema problems).
 */
public final class RawApi {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: status code, body and the API server's warnings. */
    public record Reply(int code, String body, List<String> warnings) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + code + "): " + body, e);
            }
        }

        public boolean ok() {
            return code >= 200 && code < 300;
        }

        @Override
        public String toString() {
            return code + " " + body + (warnings.isEmpty() ? "" : " warnings=" + warnings);
        }
    }

    /** Where a kind is served: its plural and whether it is namespaced. */
    public record Resource(String groupVersion, String plural, boolean namespaced) {

        /** The collection path, in {@code namespace} when namespaced. */
        public String collection(String namespace) {
            String base = groupVersion.contains("/") ? "/apis/" + groupVersion : "/api/" + groupVersion;
            return base + (namespaced ? "/namespaces/" + namespace : "") + "/" + plural;
        }

        public String item(String namespace, String name) {
            return collection(namespace) + "/" + name;
        }
    }

    private final KubernetesClient client;
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();

    public RawApi(KubernetesClient client) {
        this.client = client;
    }

    /** The resource serving {@code kind} of {@code apiVersion}, found by discovery (not cached when missing). */
    public Resource resource(String apiVersion, String kind) {
        return resources.computeIfAbsent(apiVersion + "/" + kind, k -> {
            var list = client.getApiResources(apiVersion);
            if (list != null) {
                for (APIResource r : list.getResources()) {
                    if (r.getKind().equals(kind) && !r.getName().contains("/")) {
                        return new Resource(apiVersion, r.getName(), Boolean.TRUE.equals(r.getNamespaced()));
                    }
                }
            }
            throw new IllegalStateException("the API server does not serve " + kind + " in " + apiVersion);
        });
    }

    /** The discovery entry of a kind (short names, categories, verbs). */
    public APIResource discovery(String apiVersion, String kind) {
        return client.getApiResources(apiVersion).getResources().stream()
                .filter(r -> r.getKind().equals(kind) && !r.getName().contains("/")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + kind + " in " + apiVersion));
    }

    public Reply get(String path, String accept) {
        return send("GET", path, null, null, accept);
    }

    public Reply post(String path, Object body) {
        return send("POST", path, body, "application/json", "application/json");
    }

    public Reply put(String path, Object body) {
        return send("PUT", path, body, "application/json", "application/json");
    }

    public Reply patch(String path, Object body, String patchType) {
        return send("PATCH", path, body, patchType, "application/json");
    }

    /** {@code path} is absolute on the server and may carry a query; {@code body} is JSON text or an object. */
    public Reply send(String method, String path, Object body, String contentType, String accept) {
        HttpClient http = client.getHttpClient();
        HttpRequest.Builder b = http.newHttpRequestBuilder()
                .uri(client.getMasterUrl().toString().replaceAll("/$", "") + path)
                .header("Accept", accept == null ? "application/json" : accept);
        if (body == null) {
            if (!"GET".equals(method)) {
                throw new IllegalArgumentException(method + " needs a body");
            }
        } else {
            try {
                String text = body instanceof String s ? s : JSON.writeValueAsString(body);
                b.method(method, contentType, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            HttpResponse<String> r = http.sendAsync(b.build(), String.class).get(60, TimeUnit.SECONDS);
            List<String> warnings = r.headers("Warning");
            return new Reply(r.code(), r.body(), warnings == null ? List.of() : warnings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
        }
    }
}
