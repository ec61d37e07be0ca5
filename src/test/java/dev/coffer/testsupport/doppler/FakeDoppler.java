package dev.coffer.testsupport.doppler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A local server speaking the part of Doppler's v3 API the provider uses, on loopback and a free
 * port: the secrets download (Basic auth with the token as user name; project/config from the
 * query or the service token's own; {@code name_transformer}; {@code format} json, env, yaml,
 * docker, dotnet-json; ETag and {@code If-None-Match} → 304; rate-limit headers) and the OIDC
 * exchange {@code POST /v3/auth/oidc}, and the secrets update {@code POST /v3/configs/config/secrets}. Errors answer as Doppler does: JSON {@code {"messages":[...]}}.
 * Every request is recorded; answers can be scripted ({@link #failNext}).
 */
public final class FakeDoppler implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the server saw it. */
    public record Request(String method, String path, Map<String, String> query, String user,
                          String ifNoneMatch, String accept, String body) {
    }

    /** A scripted answer: status, headers, body, content type. */
    public record Answer(int status, Map<String, String> headers, String body, String contentType) {
        public static Answer dopplerError(int status, String message) {
            return new Answer(status, Map.of(), "{\"messages\":[\"" + message + "\"],\"success\":false}", "application/json; charset=utf-8");
        }
    }

    private final HttpServer server;
    /** project/config → name → value. */
    private final Map<String, Map<String, String>> configs = new ConcurrentHashMap<>();
    /** service token → "project/config" it is scoped to. */
    private final Map<String, String> serviceTokens = new ConcurrentHashMap<>();
    /** personal tokens may name any project/config. */
    private final List<String> personalTokens = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> scripted = new ArrayDeque<>();
    private volatile String oidcIdentity;
    private volatile String oidcAcceptedSaToken;
    private volatile Supplier<Instant> oidcExpiry = () -> Instant.now().plusSeconds(3600);
    private volatile int oidcIssued;
    private volatile Integer remaining;
    private volatile long resetEpoch;
    private final java.util.concurrent.atomic.AtomicInteger updates = new java.util.concurrent.atomic.AtomicInteger();

    public FakeDoppler() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeDoppler secret(String project, String config, String name, String value) {
        configs.computeIfAbsent(project + "/" + config, k -> new ConcurrentHashMap<>()).put(name, value);
        return this;
    }

    public FakeDoppler removeSecret(String project, String config, String name) {
        configs.getOrDefault(project + "/" + config, new ConcurrentHashMap<>()).remove(name);
        return this;
    }

    public FakeDoppler serviceToken(String token, String project, String config) {
        serviceTokens.put(token, project + "/" + config);
        return this;
    }

    public FakeDoppler personalToken(String token) {
        personalTokens.add(token);
        return this;
    }

    /** Accepts OIDC logins of {@code identity} with this ServiceAccount token; issues personal-like tokens {@code dp.oidc.N}. */
    public FakeDoppler oidc(String identity, String serviceAccountToken, Supplier<Instant> expiry) {
        this.oidcIdentity = identity;
        this.oidcAcceptedSaToken = serviceAccountToken;
        this.oidcExpiry = expiry;
        return this;
    }

    /** Answers carry X-RateLimit-Remaining / X-RateLimit-Reset with these values from now on. */
    public FakeDoppler rateLimit(int remaining, long resetEpochSeconds) {
        this.remaining = remaining;
        this.resetEpoch = resetEpochSeconds;
        return this;
    }

    public synchronized FakeDoppler failNext(Answer... answers) {
        scripted.addAll(List.of(answers));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public long count(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized Answer nextScripted() {
        return scripted.pollFirst();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            String user = user(ex.getRequestHeaders().getFirst("Authorization"));
            requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), query, user,
                    ex.getRequestHeaders().getFirst("If-None-Match"), ex.getRequestHeaders().getFirst("Accept"), body));
            Answer scriptedAnswer = nextScripted();
            Answer answer = scriptedAnswer != null ? scriptedAnswer : route(ex, query, user, body);
            send(ex, answer);
        }
    }

    private Answer route(HttpExchange ex, Map<String, String> query, String user, String body) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.equals("/v3/auth/oidc") && ex.getRequestMethod().equals("POST")) {
            JsonNode login = JSON.readTree(body);
            if (oidcIdentity == null || !oidcIdentity.equals(login.path("identity").asText())
                    || !login.path("token").asText().equals(oidcAcceptedSaToken)) {
                return Answer.dopplerError(401, "Invalid OIDC token");
            }
            String token = "dp.oidc." + (++oidcIssued);
            personalTokens.add(token);
            return new Answer(200, Map.of(), "{\"success\":true,\"token\":\"" + token + "\",\"expires_at\":\""
                    + oidcExpiry.get() + "\"}", "application/json");
        }
        if (path.equals("/v3/configs/config/secrets") && ex.getRequestMethod().equals("POST")) {
            return update(JSON.readTree(body), user);
        }
        if (!path.equals("/v3/configs/config/secrets/download") || !ex.getRequestMethod().equals("GET")) {
            return Answer.dopplerError(404, "Not found");
        }
        Object scoped = scope(query.get("project"), query.get("config"), user);
        if (scoped instanceof Answer refused) {
            return refused;
        }
        String scope = (String) scoped;
        Map<String, String> secrets = configs.get(scope);
        if (secrets == null) {
            return Answer.dopplerError(404, "Could not find requested config '" + scope + "'");
        }
        Map<String, String> shaped = new TreeMap<>();
        secrets.forEach((k, v) -> shaped.put(transform(k, query.get("name_transformer")), v));
        String format = query.getOrDefault("format", "json");
        String text = render(shaped, format);
        String etag = "W/\"" + sha(text) + "\"";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", etag);
        if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            return new Answer(304, headers, "", null);
        }
        return new Answer(200, headers, text, format.equals("json") || format.equals("dotnet-json") ? "application/json" : "text/plain");
    }

    /** The "project/config" a request may use, or the error answer (an {@link Answer}). */
    private Object scope(String project, String config, String user) {
        if (serviceTokens.containsKey(user)) {
            String scope = serviceTokens.get(user);
            if (project != null && !scope.equals(project + "/" + config)) {
                return Answer.dopplerError(403, "This token does not have access to requested project/config");
            }
            return scope;
        }
        if (personalTokens.contains(user)) {
            if (project == null || config == null) {
                return Answer.dopplerError(400, "You must specify a project and config");
            }
            return project + "/" + config;
        }
        return Answer.dopplerError(401, "Invalid Auth token");
    }

    /**
     * Doppler's secrets update: {@code secrets} (name → value) sets, {@code change_requests} with
     * {@code shouldDelete} deletes (an unknown name is a 400, as Doppler answers). Names must be
     * upper case letters, digits and underscores, as Doppler requires.
     */
    private Answer update(JsonNode in, String user) {
        Object scoped = scope(in.hasNonNull("project") ? in.get("project").asText() : null,
                in.hasNonNull("config") ? in.get("config").asText() : null, user);
        if (scoped instanceof Answer refused) {
            return refused;
        }
        Map<String, String> secrets = configs.get((String) scoped);
        if (secrets == null) {
            return Answer.dopplerError(404, "Could not find requested config '" + scoped + "'");
        }
        Map<String, String> set = new LinkedHashMap<>();
        in.path("secrets").fields().forEachRemaining(e -> set.put(e.getKey(), e.getValue().asText()));
        for (String name : set.keySet()) {
            if (!name.matches("[A-Z_][A-Z0-9_]*")) {
                return Answer.dopplerError(400, "Secret names must be uppercase and may only contain letters, numbers, and underscores");
            }
        }
        for (JsonNode change : in.path("change_requests")) {
            if (change.path("shouldDelete").asBoolean(false) && !secrets.containsKey(change.path("originalName").asText())) {
                return Answer.dopplerError(400, "Could not find secret " + change.path("originalName").asText());
            }
        }
        secrets.putAll(set);
        for (JsonNode change : in.path("change_requests")) {
            if (change.path("shouldDelete").asBoolean(false)) {
                secrets.remove(change.path("originalName").asText());
            }
        }
        updates.incrementAndGet();
        return new Answer(200, Map.of(), "{\"success\":true}", "application/json");
    }

    /** How many secrets updates (sets or deletes) the server has applied. */
    public int updates() {
        return updates.get();
    }

    /** A config's current value of a secret, or null. */
    public String value(String project, String config, String name) {
        Map<String, String> secrets = configs.get(project + "/" + config);
        return secrets == null ? null : secrets.get(name);
    }

    private void send(HttpExchange ex, Answer a) throws IOException {
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        if (remaining != null) {
            ex.getResponseHeaders().add("X-RateLimit-Limit", "240");
            ex.getResponseHeaders().add("X-RateLimit-Remaining", String.valueOf(remaining));
            ex.getResponseHeaders().add("X-RateLimit-Reset", String.valueOf(resetEpoch));
        }
        if (a.contentType() != null) {
            ex.getResponseHeaders().add("Content-Type", a.contentType());
        }
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        if (a.status() == 304 || bytes.length == 0) {
            ex.sendResponseHeaders(a.status(), -1);
        } else {
            ex.sendResponseHeaders(a.status(), bytes.length);
            ex.getResponseBody().write(bytes);
        }
    }

    /** Doppler's name transformers, enough of them to see the parameter arrive. */
    static String transform(String name, String transformer) {
        if (transformer == null) {
            return name;
        }
        String[] words = name.toLowerCase(Locale.ROOT).split("_");
        StringBuilder camel = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return switch (transformer) {
            case "camel" -> camel.toString();
            case "upper-camel" -> Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
            case "lower-snake" -> name.toLowerCase(Locale.ROOT);
            case "lower-kebab" -> name.toLowerCase(Locale.ROOT).replace('_', '-');
            case "tf-var" -> "TF_VAR_" + name.toLowerCase(Locale.ROOT);
            case "dotnet-env" -> name.replace("_", "__");
            default -> throw new IllegalArgumentException(transformer);
        };
    }

    private static String render(Map<String, String> secrets, String format) throws IOException {
        StringBuilder out = new StringBuilder();
        switch (format) {
            case "json", "dotnet-json" -> {
                return JSON.writeValueAsString(secrets);
            }
            case "env" -> secrets.forEach((k, v) -> out.append(k).append("=\"").append(v).append("\"\n"));
            case "docker" -> secrets.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
            case "yaml" -> secrets.forEach((k, v) -> out.append(k).append(": \"").append(v).append("\"\n"));
            default -> throw new IllegalArgumentException(format);
        }
        return out.toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static String user(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? decoded : decoded.substring(0, colon);
    }

    private static String sha(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
