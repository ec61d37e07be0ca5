package dev.coffer.testsupport.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Google's token endpoints on one local HTTPS server: the OAuth token endpoint of service-account
 * keys ({@code /token}, JWT-bearer grant, the assertion's RS256 signature checked against the
 * key), STS ({@code /v1/token}, token exchange) and IAM credentials
 * ({@code /v1/projects/-/serviceAccounts/EMAIL:generateAccessToken}, bearer of an STS token).
 * Every token it issues is added to {@link #issued()}, which the fake Secret Manager accepts.
 */
public final class FakeGoogleTokens implements AutoCloseable {

    /** One request as received, with its decoded form or JSON fields. */
    public record Request(String path, Map<String, String> fields, String bearer) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpsServer server;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, PublicKey> serviceAccountKeys = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile int failStatus;

    public FakeGoogleTokens(SSLContext tls) {
        try {
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Accept JWT-bearer assertions signed by this key for this client email. */
    public void allowServiceAccount(String email, PublicKey key) {
        serviceAccountKeys.put(email, key);
    }

    /** Every token endpoint answers this HTTP status from now on (0: normal again). */
    public void failWith(int status) {
        this.failStatus = status;
    }

    /** The access tokens issued so far (live view). */
    public Set<String> issued() {
        return issued;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String pathPart) {
        return requests.stream().filter(r -> r.path().contains(pathPart)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String bearer = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
        Map<String, String> fields = body.trim().startsWith("{") ? json(body) : form(body);
        requests.add(new Request(path, fields, bearer));
        if (failStatus != 0) {
            send(ex, failStatus, "{\"error\":\"unavailable\"}");
            return;
        }
        if (path.equals("/token")) {
            jwtBearer(ex, fields);
        } else if (path.equals("/v1/token")) {
            String token = issue("sts");
            send(ex, 200, "{\"access_token\":\"" + token + "\",\"issued_token_type\":"
                    + "\"urn:ietf:params:oauth:token-type:access_token\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        } else if (path.endsWith(":generateAccessToken")) {
            if (bearer == null || !issued.contains(bearer)) {
                send(ex, 401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}");
                return;
            }
            String token = issue("iam");
            send(ex, 200, "{\"accessToken\":\"" + token + "\",\"expireTime\":\"2099-01-01T00:00:00Z\"}");
        } else {
            send(ex, 404, "{}");
        }
    }

    private void jwtBearer(HttpExchange ex, Map<String, String> fields) throws IOException {
        String assertion = fields.get("assertion");
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(fields.get("grant_type")) || assertion == null) {
            send(ex, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        String[] parts = assertion.split("\\.");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        PublicKey key = serviceAccountKeys.get(claims.path("iss").asText());
        if (key == null || !verifies(key, parts)) {
            send(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
            return;
        }
        String token = issue("sa");
        send(ex, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
    }

    private static boolean verifies(PublicKey key, String[] parts) {
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (Exception e) {
            return false;
        }
    }

    private String issue(String kind) {
        String token = "ya29." + kind + "-" + counter.incrementAndGet();
        issued.add(token);
        return token;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    private static Map<String, String> json(String body) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        JSON.readTree(body).fields().forEachRemaining(e -> out.put(e.getKey(),
                e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        return out;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
