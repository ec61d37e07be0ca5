package dev.coffer.testsupport.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A local HTTPS Azure Key Vault and Entra ID token endpoint on one port, speaking the REST wire
 * protocol the real SDK speaks. A Key Vault request without a token it issued gets the 401 Bearer
 * challenge (authorization = this server's authority for the tenant), as the service does; the
 * token endpoint ({@code /TENANT/oauth2/v2.0/token}) checks a client secret, a certificate's
 * signed assertion or a federated token against what the test registered. Each instance listens
 * on a fresh port, because the SDK caches challenges by host and port.
 *
 * <p>Objects are versioned: secrets (value, tags, contentType, expiry), keys (a JWK) and
 * certificates (DER). Operations can be made to fail ({@link #failNext}) or wait ({@link #delay}),
 * and every call is counted by operation name: GetSecret, GetSecrets, GetKey, GetCertificate,
 * SetSecret, ImportKey, ImportCertificate, DeleteSecret, DeleteKey, DeleteCertificate, Token.
 */
public final class FakeKeyVault implements AutoCloseable {

    public static final String TENANT = "coffer-tenant";
    public static final int PAGE_SIZE = 25;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One stored version of an object. */
    public static final class Version {
        public final String id;
        public String value;
        public JsonNode jwk;
        public byte[] cer;
        public Map<String, String> tags = new TreeMap<>();
        public String contentType;
        public boolean enabled = true;
        public Long expires;
        public final long created = Instant.parse("2026-01-02T03:04:05Z").getEpochSecond();

        Version(String id) {
            this.id = id;
        }
    }

    /** A token request as received. */
    public record TokenCall(String tenant, Map<String, String> form) {
    }

    private final HttpsServer server;
    private final Map<String, Map<String, List<Version>>> objects = new ConcurrentHashMap<>();
    private final Map<String, String> clientSecrets = new ConcurrentHashMap<>();
    private final Map<String, PublicKey> clientCertificates = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> federated = new ConcurrentHashMap<>();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final List<TokenCall> tokenCalls = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, Deque<int[]>> failures = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private volatile String errorMessage = "the operation failed";

    public FakeKeyVault(SSLContext tls) {
        try {
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The vault URL, also the authority host (the token endpoint is under /TENANT/). */
    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeKeyVault allowClientSecret(String clientId, String secret) {
        clientSecrets.put(clientId, secret);
        return this;
    }

    public FakeKeyVault allowClientCertificate(String clientId, PublicKey key) {
        clientCertificates.put(clientId, key);
        return this;
    }

    /** Accept any of these federated (Kubernetes) tokens as the assertion of this client. */
    public FakeKeyVault allowFederated(String clientId, Set<String> tokens) {
        federated.put(clientId, tokens);
        return this;
    }

    public Version putSecret(String name, String value) {
        Version v = add("secrets", name);
        v.value = value;
        return v;
    }

    public Version putKey(String name, JsonNode jwk) {
        Version v = add("keys", name);
        ObjectNode key = jwk.deepCopy();
        key.put("kid", v.id);
        v.jwk = key;
        return v;
    }

    public Version putCertificate(String name, byte[] der) {
        Version v = add("certificates", name);
        v.cer = der.clone();
        return v;
    }

    /** The versions of an object, oldest first (live list). */
    public List<Version> versions(String collection, String name) {
        return objects.getOrDefault(collection, Map.of()).getOrDefault(name, List.of());
    }

    /** The next calls of {@code operation} answer these HTTP statuses, in order (429 with Retry-After: 0). */
    public void failNext(String operation, int... statuses) {
        Deque<int[]> q = failures.computeIfAbsent(operation, k -> new ArrayDeque<>());
        synchronized (q) {
            for (int s : statuses) {
                q.add(new int[] {s});
            }
        }
    }

    /** The text of the error bodies from now on (a test may put a canary in it). */
    public void errorMessage(String message) {
        this.errorMessage = message;
    }

    public void delay(String operation, Duration delay) {
        delays.put(operation, delay);
    }

    public int count(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    public void clearCalls() {
        calls.clear();
    }

    public List<TokenCall> tokenCalls() {
        return List.copyOf(tokenCalls);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private synchronized Version add(String collection, String name) {
        List<Version> versions = objects.computeIfAbsent(collection, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
        String version = String.format("%032x", counter.incrementAndGet());
        Version v = new Version(url() + "/" + collection + "/" + name + "/" + version);
        versions.add(v);
        return v;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.endsWith("/oauth2/v2.0/token")) {
                token(ex, path.substring(1, path.indexOf('/', 1)));
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !issued.contains(auth.substring(7))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer authorization=\"" + url() + "/" + TENANT
                        + "\", resource=\"https://vault.azure.net\"");
                send(ex, 401, error("Unauthorized", "AKV10000: Request is missing a Bearer or PoP token."));
                return;
            }
            String[] parts = path.substring(1).split("/");
            String method = ex.getRequestMethod();
            if (parts[0].startsWith("deleted")) {
                // The SDK's delete poller asks whether the deletion is done: it is, at once.
                send(ex, 200, JSON.createObjectNode().put("recoveryId", url() + path));
                return;
            }
            String collection = parts[0];
            String name = parts.length > 1 ? parts[1] : null;
            String version = parts.length > 2 && !parts[2].equals("import") ? parts[2] : "";
            String op = operation(method, collection, name, parts);
            calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
            Duration d = delays.get(op);
            if (d != null) {
                Thread.sleep(d.toMillis());
            }
            int[] failure = nextFailure(op);
            if (failure != null) {
                if (failure[0] == 429) {
                    ex.getResponseHeaders().add("Retry-After", "0");
                }
                send(ex, failure[0], error(failure[0] == 429 ? "Throttled" : "Failure", errorMessage));
                return;
            }
            switch (op) {
                case "GetSecrets" -> list(ex);
                case "GetSecret", "GetKey", "GetCertificate" -> get(ex, collection, name, version);
                case "SetSecret", "ImportKey", "ImportCertificate" -> write(ex, collection, name);
                case "DeleteSecret", "DeleteKey", "DeleteCertificate" -> delete(ex, collection, name);
                default -> send(ex, 400, error("BadParameter", "unsupported " + method + " " + path));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(ex, 500, error("InternalError", e.toString()));
        }
    }

    private static String operation(String method, String collection, String name, String[] parts) {
        String kind = switch (collection) {
            case "secrets" -> "Secret";
            case "keys" -> "Key";
            case "certificates" -> "Certificate";
            default -> "Unknown";
        };
        return switch (method) {
            case "GET" -> name == null ? "Get" + kind + "s" : "Get" + kind;
            case "DELETE" -> "Delete" + kind;
            default -> parts.length > 2 && parts[2].equals("import") || kind.equals("Key") ? "Import" + kind : "Set" + kind;
        };
    }

    private int[] nextFailure(String op) {
        Deque<int[]> q = failures.get(op);
        if (q == null) {
            return null;
        }
        synchronized (q) {
            return q.poll();
        }
    }

    private void get(HttpExchange ex, String collection, String name, String version) throws IOException {
        List<Version> versions = versions(collection, name);
        Version v = null;
        if (version.isEmpty() && !versions.isEmpty()) {
            v = versions.get(versions.size() - 1);
        }
        for (Version candidate : versions) {
            if (!version.isEmpty() && candidate.id.endsWith("/" + version)) {
                v = candidate;
            }
        }
        String code = switch (collection) {
            case "secrets" -> "SecretNotFound";
            case "keys" -> "KeyNotFound";
            default -> "CertificateNotFound";
        };
        if (v == null) {
            send(ex, 404, error(code, "A " + collection + " with (name/id) " + name + " was not found in this key vault."));
            return;
        }
        if (!v.enabled) {
            send(ex, 403, error("Forbidden", "Operation get is not allowed on a disabled " + collection));
            return;
        }
        send(ex, 200, bundle(collection, v));
    }

    private void write(HttpExchange ex, String collection, String name) throws IOException {
        JsonNode body = JSON.readTree(ex.getRequestBody());
        writes.add(collection + "/" + name);
        Version v = add(collection, name);
        switch (collection) {
            case "secrets" -> {
                v.value = body.path("value").asText();
                v.contentType = body.hasNonNull("contentType") ? body.get("contentType").asText() : null;
            }
            case "keys" -> {
                ObjectNode key = body.path("key").deepCopy();
                key.put("kid", v.id);
                v.jwk = key;
            }
            default -> v.cer = certificateOf(body.path("value").asText());
        }
        if (body.path("attributes").has("exp")) {
            v.expires = body.path("attributes").path("exp").asLong();
        }
        body.path("tags").fields().forEachRemaining(e -> v.tags.put(e.getKey(), e.getValue().asText()));
        send(ex, 200, bundle(collection, v));
    }

    private void delete(HttpExchange ex, String collection, String name) throws IOException {
        List<Version> versions = objects.getOrDefault(collection, Map.of()).remove(name);
        if (versions == null) {
            send(ex, 404, error("NotFound", collection + " " + name + " not found"));
            return;
        }
        ObjectNode out = bundle(collection, versions.get(versions.size() - 1));
        out.put("recoveryId", url() + "/deleted" + collection + "/" + name);
        send(ex, 200, out);
    }

    /** The DER certificate of an imported value: PEM, or base64 of PKCS#12 without a password. */
    private static byte[] certificateOf(String value) {
        try {
            if (value.startsWith("-----BEGIN")) {
                int start = value.indexOf("-----BEGIN CERTIFICATE-----");
                int end = value.indexOf("-----END CERTIFICATE-----", start);
                String b64 = value.substring(start + 27, end).replaceAll("\\s", "");
                return Base64.getDecoder().decode(b64);
            }
            java.security.KeyStore p12 = java.security.KeyStore.getInstance("PKCS12");
            p12.load(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(value)), new char[0]);
            return p12.getCertificate(p12.aliases().nextElement()).getEncoded();
        } catch (Exception e) {
            throw new IllegalArgumentException("not a certificate", e);
        }
    }

    /** Every write (SetSecret, ImportKey, ImportCertificate) as "collection/name", in order. */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    private ObjectNode bundle(String collection, Version v) {
        ObjectNode out = JSON.createObjectNode();
        switch (collection) {
            case "secrets" -> {
                out.put("id", v.id);
                if (v.value != null) {
                    out.put("value", v.value);
                }
                if (v.contentType != null) {
                    out.put("contentType", v.contentType);
                }
            }
            case "keys" -> out.set("key", v.jwk);
            default -> {
                out.put("id", v.id);
                out.put("cer", Base64.getEncoder().encodeToString(v.cer));
                out.put("x5t", Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[20]));
            }
        }
        ObjectNode attributes = out.putObject("attributes");
        attributes.put("enabled", v.enabled);
        attributes.put("created", v.created);
        attributes.put("updated", v.created);
        attributes.put("recoveryLevel", "Recoverable+Purgeable");
        if (v.expires != null) {
            attributes.put("exp", v.expires);
        }
        ObjectNode tags = out.putObject("tags");
        v.tags.forEach(tags::put);
        return out;
    }

    private void list(HttpExchange ex) throws IOException {
        List<String> names = new ArrayList<>(new TreeMap<>(objects.getOrDefault("secrets", Map.of())).keySet());
        int skip = 0;
        String query = ex.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("skip=")) {
                    skip = Integer.parseInt(pair.substring(5));
                }
            }
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode value = out.putArray("value");
        for (int i = skip; i < Math.min(names.size(), skip + PAGE_SIZE); i++) {
            List<Version> versions = versions("secrets", names.get(i));
            Version latest = versions.get(versions.size() - 1);
            ObjectNode item = bundle("secrets", latest);
            item.remove("value");
            item.put("id", url() + "/secrets/" + names.get(i));
            value.add(item);
        }
        if (skip + PAGE_SIZE < names.size()) {
            out.put("nextLink", url() + "/secrets?api-version=7.6&skip=" + (skip + PAGE_SIZE));
        } else {
            out.putNull("nextLink");
        }
        send(ex, 200, out);
    }

    private void token(HttpExchange ex, String tenant) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        tokenCalls.add(new TokenCall(tenant, form));
        calls.computeIfAbsent("Token", k -> new AtomicInteger()).incrementAndGet();
        int[] failure = nextFailure("Token");
        String client = form.getOrDefault("client_id", "");
        if (failure != null || !TENANT.equals(tenant) || !accepted(client, form)) {
            send(ex, failure != null ? failure[0] : 401, JSON.createObjectNode().put("error", "invalid_client")
                    .put("error_description", "AADSTS7000215: Invalid client secret provided."));
            return;
        }
        String token = "kv-token-" + counter.incrementAndGet();
        issued.add(token);
        send(ex, 200, JSON.createObjectNode().put("token_type", "Bearer").put("expires_in", 3600)
                .put("ext_expires_in", 3600).put("access_token", token));
    }

    private boolean accepted(String client, Map<String, String> form) {
        if (form.containsKey("client_secret")) {
            return form.get("client_secret").equals(clientSecrets.get(client));
        }
        String assertion = form.get("client_assertion");
        if (assertion == null) {
            return false;
        }
        if (federated.getOrDefault(client, Set.of()).contains(assertion)) {
            return true;
        }
        PublicKey key = clientCertificates.get(client);
        return key != null && signedBy(assertion, key);
    }

    /** An RS256 or PS256 JWT whose signature this key verifies. */
    private static boolean signedBy(String jwt, PublicKey key) {
        String[] p = jwt.split("\\.");
        if (p.length != 3) {
            return false;
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(p[0]));
            String alg = header.path("alg").asText();
            Signature sig;
            if (alg.equals("RS256")) {
                sig = Signature.getInstance("SHA256withRSA");
            } else if (alg.equals("PS256")) {
                sig = Signature.getInstance("RSASSA-PSS");
                sig.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            } else {
                return false;
            }
            sig.initVerify(key);
            sig.update((p[0] + "." + p[1]).getBytes(StandardCharsets.US_ASCII));
            return sig.verify(Base64.getUrlDecoder().decode(p[2]));
        } catch (Exception e) {
            return false;
        }
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode out = JSON.createObjectNode();
        out.putObject("error").put("code", code).put("message", message);
        return out;
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
