package dev.coffer.provider.doppler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.metrics.EsoMeters;
import dev.coffer.provider.ProviderException;
import io.micrometer.core.instrument.Tags;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Doppler's v3 HTTP API through the JDK client (Doppler has no Java SDK): the secrets download
 * with {@code If-None-Match}, and the OIDC exchange. The token is the Basic-auth user name, as
 * Doppler's API and upstream use it. Errors are typed and carry Doppler's own {@code messages},
 * never a response body otherwise.
 */
final class DopplerApi {

    static final String METRIC = "externalsecret_provider_api_calls_count";
    static final String METRIC_PROVIDER = "Doppler";
    static final String DOWNLOAD = "/v3/configs/config/secrets/download";
    static final String OIDC = "/v3/auth/oidc";
    static final String SECRETS = "/v3/configs/config/secrets";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 300;

    /** One answer of the download: 304 gives {@code notModified} and no body. */
    record Download(boolean notModified, byte[] body, String etag) {
    }

    private final String baseUrl;
    private final HttpClient http;
    private final DopplerOptions options;
    private final RateLimitGate gate;

    DopplerApi(String baseUrl, DopplerOptions options) {
        this.baseUrl = baseUrl;
        this.options = options;
        this.http = HttpClient.newBuilder().connectTimeout(options.timeout()).build();
        this.gate = new RateLimitGate(options.clock());
    }

    String baseUrl() {
        return baseUrl;
    }

    /**
     * The download of a config.
     *
     * @param query  project, config, name_transformer, format (null values left out)
     * @param etag   the ETag of the body held, or null
     * @param asText whether to accept text/plain (a format other than json)
     */
    Download download(String token, Map<String, String> query, String etag, boolean asText) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + DOWNLOAD + queryString(query)))
                .timeout(options.timeout())
                .header("Accept", asText ? "text/plain" : "application/json")
                .header("User-Agent", "coffer")
                .header("Authorization", basic(token))
                .GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        HttpResponse<byte[]> response = send("DownloadSecrets", request.build(), "the secrets download of " + subject(query));
        if (response.statusCode() == 304) {
            return new Download(true, null, etag);
        }
        return new Download(false, response.body(), response.headers().firstValue("etag").orElse(null));
    }

    /**
     * Doppler's secrets update ({@code POST /v3/configs/config/secrets}): {@code change} holds
     * {@code secrets} (name → value, set) or {@code change_requests} (e.g. a delete); project and
     * config are added unless null (a service token names its own). The answer, which echoes
     * values, is never read.
     */
    void updateSecrets(String operation, String token, String project, String config, ObjectNode change, String subject) {
        ObjectNode body = change.deepCopy();
        if (project != null) {
            body.put("project", project);
        }
        if (config != null) {
            body.put("config", config);
        }
        send(operation, postJson(SECRETS, body).header("Authorization", basic(token)).build(), subject);
    }

    /** A POST of {@code body} as JSON to {@code path}, accepting JSON. */
    private HttpRequest.Builder postJson(String path, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(options.timeout())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("User-Agent", "coffer")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    /** Exchanges a ServiceAccount token for a Doppler API token and its expiry (RFC 3339). */
    JsonNode oidc(String identity, String serviceAccountToken) {
        HttpRequest request = postJson(OIDC, Map.of("identity", identity, "token", serviceAccountToken)).build();
        HttpResponse<byte[]> response = send("OIDCAuth", request, "the OIDC login of identity \"" + identity + "\"");
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw ProviderException.unavailable("Doppler OIDC login answered with something that is not JSON", null);
        }
    }

    private HttpResponse<byte[]> send(String operation, HttpRequest request, String subject) {
        gate.check();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            count(operation, "error");
            throw ProviderException.unavailable("Doppler did not answer " + subject + " within "
                    + options.timeout().toSeconds() + " s (" + baseUrl + ")", null);
        } catch (IOException e) {
            count(operation, "error");
            throw ProviderException.unavailable("cannot reach Doppler at " + baseUrl + " for " + subject + ": "
                    + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.unavailable("interrupted while reading " + subject, null);
        }
        int status = response.statusCode();
        Optional<ProviderException> throttled = gate.observe(status, response.headers());
        if (throttled.isPresent()) {
            count(operation, "error");
            throw throttled.get();
        }
        if ((status >= 200 && status < 300) || status == 304) {
            count(operation, "success");
            return response;
        }
        count(operation, "error");
        String why = " (HTTP " + status + messages(response) + ")";
        if (status == 401 || status == 403) {
            throw ProviderException.accessDenied("Doppler refused " + subject + why);
        }
        if (status == 400 || status == 404) {
            // Not NOT_FOUND: a missing project or config is a store error, never an absent secret.
            throw ProviderException.invalidConfig("Doppler rejected " + subject + why);
        }
        throw ProviderException.unavailable("Doppler failed " + subject + why, null);
    }

    /** Doppler's {@code {"messages": [...]}} error text, cut short; nothing when the body is anything else. */
    private static String messages(HttpResponse<byte[]> response) {
        boolean json = response.headers().firstValue("content-type").map(t -> t.startsWith("application/json")).orElse(false);
        if (!json) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(response.body()).path("messages");
            List<String> texts = new ArrayList<>();
            node.forEach(m -> texts.add(m.asText()));
            String joined = String.join("; ", texts);
            if (joined.isEmpty()) {
                return "";
            }
            return ": " + (joined.length() > MAX_MESSAGE ? joined.substring(0, MAX_MESSAGE) + "..." : joined);
        } catch (IOException e) {
            return "";
        }
    }

    private void count(String operation, String status) {
        EsoMeters.increment(options.meters(), METRIC, "Number of API calls towards the secret provider",
                Tags.of("provider", METRIC_PROVIDER, "call", operation, "status", status));
    }

    static String basic(String token) {
        return "Basic " + Base64.getEncoder().encodeToString((token + ":").getBytes(StandardCharsets.UTF_8));
    }

    static String queryString(Map<String, String> query) {
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> {
            if (v != null) {
                q.append(q.length() == 0 ? '?' : '&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    static String subject(Map<String, String> query) {
        String project = query.get("project");
        String config = query.get("config");
        if (project == null && config == null) {
            return "the service token's config";
        }
        return "project \"" + (project == null ? "" : project) + "\" config \"" + (config == null ? "" : config) + "\"";
    }

    static Map<String, String> query(String project, String config, String nameTransformer, String format) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("project", blankToNull(project));
        q.put("config", blankToNull(config));
        q.put("name_transformer", nameTransformer);
        q.put("format", format);
        return q;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
