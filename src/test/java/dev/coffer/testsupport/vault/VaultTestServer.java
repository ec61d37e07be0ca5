package dev.coffer.testsupport.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A local server that speaks the parts of Vault's HTTP API Coffer uses: KV v1/v2 reads, v2
 * metadata and LIST, logins (approle, kubernetes, jwt, userpass, ldap, cert), and the token
 * endpoints lookup-self, renew-self and revoke-self with TTLs, max TTLs and renewability, and a
 * database secrets engine ({@code database/creds/<role>}) whose credentials carry leases that
 * {@code sys/leases/renew} extends up to a max TTL and {@code sys/leases/revoke} ends. Errors
 * come as {"errors":[...]} with Vault's status codes. It counts what it was asked, so tests can
 * assert how many logins, renewals, revocations and reads happened.
 */
public final class VaultTestServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An issued token. Times come from the shared clock. */
    private static final class TokenState {
        final long ttl;
        final long maxTtl;
        final boolean renewable;
        final Instant issued;
        volatile Instant expires;
        volatile boolean revoked;

        TokenState(long ttl, long maxTtl, boolean renewable, Instant now) {
            this.ttl = ttl;
            this.maxTtl = maxTtl;
            this.renewable = renewable;
            this.issued = now;
            this.expires = ttl == 0 ? null : now.plusSeconds(ttl);
        }

        boolean valid(Instant now) {
            return !revoked && (expires == null || now.isBefore(expires));
        }
    }

    /** An issued database credential's lease; revoking the token that read it revokes it too, as in Vault. */
    private static final class LeaseState {
        final Instant issued;
        final String token;
        volatile Instant expires;
        volatile boolean revoked;

        LeaseState(Instant issued, long ttl, String token) {
            this.issued = issued;
            this.token = token;
            this.expires = issued.plusSeconds(ttl);
        }

        boolean valid(Instant now) {
            return !revoked && now.isBefore(expires);
        }
    }

    /** One recorded request: method, path (without /v1/), query and the headers Coffer sends. */
    public record Seen(String method, String path, String query, String namespace, String token, Map<String, String> headers) {
    }

    private final Clock clock;
    private final HttpServer http;
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private final Map<String, Integer> mounts = new ConcurrentHashMap<>();
    /** mount + "/" + path → versions (1-based; null entry = deleted version). */
    private final Map<String, List<Map<String, Object>>> kv = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> customMetadata = new ConcurrentHashMap<>();
    private final Map<String, TokenState> tokens = new ConcurrentHashMap<>();
    /** auth mount → accepted credential → (identity) ; e.g. "approle" → "role:secret". */
    private final Map<String, Set<String>> credentials = new ConcurrentHashMap<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    private final AtomicLong index = new AtomicLong();
    private volatile boolean sealed;
    private volatile long loginTtl = 3600;
    private volatile long loginMaxTtl = 0;
    private volatile boolean loginRenewable = true;
    private final Map<String, LeaseState> leases = new ConcurrentHashMap<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private volatile long leaseTtl = 3600;
    private volatile long leaseMaxTtl = 0;
    private volatile boolean leaseRenewable = true;
    private volatile boolean failLeaseRenewals;

    private VaultTestServer(Clock clock, HttpServer http) {
        this.clock = clock;
        this.http = http;
        http.createContext("/", this::handle);
        http.setExecutor(pool);
        http.start();
    }

    /** A plain-HTTP server on 127.0.0.1. */
    private final Map<String, Map<String, Object>> racing = new ConcurrentHashMap<>();
    private final java.util.Set<String> hiddenMetadata = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public static VaultTestServer start(Clock clock) {
        try {
            return new VaultTestServer(clock, HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HTTPS server; with {@code wantClientCert} it asks for (but does not require) a client certificate. */
    public static VaultTestServer startTls(Clock clock, SSLContext tls, boolean needClientCert) {
        try {
            HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    var p = tls.getDefaultSSLParameters();
                    if (needClientCert) {
                        p.setNeedClientAuth(true);
                    } else {
                        p.setWantClientAuth(true);
                    }
                    params.setSSLParameters(p);
                }
            });
            return new VaultTestServer(clock, s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        String scheme = http instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + http.getAddress().getPort();
    }

    // ---- setup ----

    public VaultTestServer mount(String mount, int kvVersion) {
        mounts.put(mount, kvVersion);
        return this;
    }

    /** Writes a new version (v2) or replaces the value (v1). */
    public VaultTestServer put(String mount, String path, Map<String, Object> data) {
        kv.computeIfAbsent(mount + "/" + path, k -> new CopyOnWriteArrayList<>());
        List<Map<String, Object>> versions = kv.get(mount + "/" + path);
        if (mounts.getOrDefault(mount, 2) == 1) {
            versions.clear();
        }
        versions.add(data);
        return this;
    }

    public VaultTestServer customMetadata(String mount, String path, Map<String, String> metadata) {
        customMetadata.put(mount + "/" + path, metadata);
        return this;
    }

    /** Soft-deletes one version of a v2 secret: reads of it answer 404 with data null. */
    /** The metadata endpoint answers 404 for this secret, although its data is there. */
    public VaultTestServer hideMetadata(String mount, String path) {
        hiddenMetadata.add(mount + "/" + path);
        return this;
    }

    public VaultTestServer deleteVersion(String mount, String path, int version) {
        kv.get(mount + "/" + path).set(version - 1, null);
        return this;
    }

    /** An existing token, as an operator would create it (tokenSecretRef). */
    public VaultTestServer token(String token, long ttl, boolean renewable) {
        tokens.put(token, new TokenState(ttl, 0, renewable, clock.instant()));
        return this;
    }

    /**
     * A credential a login at {@code authMount} accepts, e.g. ("approle", "role-id:secret-id"),
     * ("kubernetes", "role:jwt"); enables the mount.
     */
    public VaultTestServer accept(String authMount, String credential) {
        authMount(authMount);
        credentials.get(authMount).add(credential);
        return this;
    }

    /** Enables an auth mount that accepts nothing yet: logins there answer 400, as Vault's do for wrong credentials. */
    public VaultTestServer authMount(String authMount) {
        credentials.computeIfAbsent(authMount, k -> ConcurrentHashMap.newKeySet());
        return this;
    }

    /** TTL, max TTL (0: none) and renewability of tokens issued by logins. */
    public VaultTestServer loginTokens(long ttl, long maxTtl, boolean renewable) {
        this.loginTtl = ttl;
        this.loginMaxTtl = maxTtl;
        this.loginRenewable = renewable;
        return this;
    }

    /** TTL, max TTL (0: none) and renewability of the leases of database credentials. */
    public VaultTestServer databaseLeases(long ttl, long maxTtl, boolean renewable) {
        this.leaseTtl = ttl;
        this.leaseMaxTtl = maxTtl;
        this.leaseRenewable = renewable;
        return this;
    }

    /** While set, sys/leases/renew answers 500. */
    public VaultTestServer failLeaseRenewals(boolean fail) {
        this.failLeaseRenewals = fail;
        return this;
    }

    /** Requests for paths starting with this prefix are denied (403) to every token. */
    public VaultTestServer deny(String pathPrefix) {
        denied.add(pathPrefix);
        return this;
    }

    public VaultTestServer sealed(boolean sealed) {
        this.sealed = sealed;
        return this;
    }

    /** Revokes every token issued so far (as an operator running vault token revoke would). */
    public void revokeAll() {
        tokens.values().forEach(t -> t.revoked = true);
        leases.values().forEach(l -> l.revoked = true);
    }

    // ---- what happened ----

    public int count(String what) {
        AtomicInteger c = counters.get(what);
        return c == null ? 0 : c.get();
    }

    public int logins() {
        return count("login");
    }

    public int renewals() {
        return count("renew-self");
    }

    public int revocations() {
        return count("revoke-self");
    }

    public int lookups() {
        return count("lookup-self");
    }

    public int kvReads() {
        return count("kv-read");
    }

    /** Database credentials issued (each with a new lease). */
    public int credsIssued() {
        return count("db-creds");
    }

    public int leaseRenewals() {
        return count("lease-renew");
    }

    public int leaseRevocations() {
        return count("lease-revoke");
    }

    /** Leases issued, not revoked and not expired. */
    public int liveLeases() {
        Instant now = clock.instant();
        return (int) leases.values().stream().filter(l -> l.valid(now)).count();
    }

    /** The request bodies of writes to database/creds, in order. */
    public List<String> credsRequestBodies() {
        return List.copyOf(bodies);
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public int liveTokens() {
        Instant now = clock.instant();
        return (int) tokens.values().stream().filter(t -> t.valid(now)).count();
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }

    // ---- HTTP ----

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String rawPath = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            if (!rawPath.startsWith("/v1/")) {
                reply(ex, 404, Map.of("errors", List.of()));
                return;
            }
            String path = URLDecoder.decode(rawPath.substring(4).replace("+", "%2B"), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            String token = headers.get("x-vault-token");
            seen.add(new Seen(ex.getRequestMethod(), path, query, headers.get("x-vault-namespace"), token, headers));
            ex.getResponseHeaders().set("X-Vault-Index", "state-" + index.incrementAndGet());
            if (sealed) {
                reply(ex, 503, Map.of("errors", List.of("Vault is sealed")));
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            if (path.startsWith("database/creds/") || path.startsWith("sys/leases/")) {
                if (!tokenValid(token)) {
                    reply(ex, 403, Map.of("errors", List.of("permission denied")));
                } else if (path.startsWith("sys/leases/")) {
                    leaseEndpoint(ex, path.substring("sys/leases/".length()), body);
                } else {
                    databaseCreds(ex, path.substring("database/creds/".length()), body, token);
                }
            } else if (path.startsWith("auth/token/")) {
                tokenEndpoint(ex, path.substring("auth/token/".length()), token);
            } else if (path.startsWith("auth/")) {
                login(ex, path.substring("auth/".length()), body);
            } else {
                boolean list = "LIST".equals(ex.getRequestMethod()) || (query != null && query.contains("list=true"));
                kvEndpoint(ex, path, query, token, list, body);
            }
        } catch (RuntimeException e) {
            reply(ex, 500, Map.of("errors", List.of("test server: " + e)));
        }
    }

    private boolean tokenValid(String token) {
        TokenState t = token == null ? null : tokens.get(token);
        return t != null && t.valid(clock.instant());
    }

    private void databaseCreds(HttpExchange ex, String role, byte[] body, String token) throws IOException {
        bump("db-creds");
        if (body.length > 0) {
            bodies.add(new String(body, StandardCharsets.UTF_8));
        }
        int n = count("db-creds");
        String id = "database/creds/" + role + "/" + UUID.randomUUID();
        leases.put(id, new LeaseState(clock.instant(), leaseTtl, token));
        reply(ex, 200, Map.of("request_id", UUID.randomUUID().toString(), "lease_id", id, "lease_duration", leaseTtl,
                "renewable", leaseRenewable, "data", Map.of("username", "v-" + role + "-" + n, "password", "pw-" + UUID.randomUUID())));
    }

    private void leaseEndpoint(HttpExchange ex, String op, byte[] body) throws IOException {
        Map<?, ?> req = body.length == 0 ? Map.of() : JSON.readValue(body, Map.class);
        String id = String.valueOf(req.get("lease_id"));
        LeaseState l = leases.get(id);
        Instant now = clock.instant();
        if ("revoke".equals(op)) {
            bump("lease-revoke");
            if (l != null) {
                l.revoked = true;
            }
            ex.sendResponseHeaders(204, -1);
            return;
        }
        if (!"renew".equals(op)) {
            reply(ex, 404, Map.of("errors", List.of("unsupported path")));
            return;
        }
        bump("lease-renew");
        if (failLeaseRenewals) {
            reply(ex, 500, Map.of("errors", List.of("internal error")));
            return;
        }
        if (l == null || !l.valid(now) || !leaseRenewable) {
            reply(ex, 400, Map.of("errors", List.of("lease not found or lease is not renewable")));
            return;
        }
        long increment = req.get("increment") instanceof Number num && num.longValue() > 0 ? num.longValue() : leaseTtl;
        Instant next = now.plusSeconds(increment);
        if (leaseMaxTtl > 0 && next.isAfter(l.issued.plusSeconds(leaseMaxTtl))) {
            next = l.issued.plusSeconds(leaseMaxTtl);
        }
        l.expires = next;
        reply(ex, 200, Map.of("lease_id", id, "renewable", true,
                "lease_duration", Math.max(0, next.getEpochSecond() - now.getEpochSecond())));
    }

    private void tokenEndpoint(HttpExchange ex, String op, String token) throws IOException {
        bump(op);
        TokenState t = token == null ? null : tokens.get(token);
        Instant now = clock.instant();
        if (t == null || !t.valid(now)) {
            reply(ex, 403, Map.of("errors", List.of("permission denied")));
            return;
        }
        switch (op) {
            case "lookup-self" -> reply(ex, 200, Map.of("data", Map.of("id", token, "ttl", remaining(t, now),
                    "renewable", t.renewable, "policies", List.of("default"), "type", "service")));
            case "renew-self" -> {
                if (!t.renewable) {
                    reply(ex, 400, Map.of("errors", List.of("lease is not renewable")));
                    return;
                }
                Instant next = now.plusSeconds(t.ttl);
                if (t.maxTtl > 0 && next.isAfter(t.issued.plusSeconds(t.maxTtl))) {
                    next = t.issued.plusSeconds(t.maxTtl);
                }
                t.expires = next;
                reply(ex, 200, authBody(token, t, now));
            }
            case "revoke-self" -> {
                t.revoked = true;
                leases.values().stream().filter(l -> token.equals(l.token)).forEach(l -> l.revoked = true);
                ex.sendResponseHeaders(204, -1);
            }
            default -> reply(ex, 404, Map.of("errors", List.of("unsupported path")));
        }
    }

    private void login(HttpExchange ex, String path, byte[] body) throws IOException {
        bump("login");
        Map<?, ?> req = body.length == 0 ? Map.of() : JSON.readValue(body, Map.class);
        String[] parts = path.split("/");
        String mount = parts[0];
        String credential;
        if (parts.length == 3 && "login".equals(parts[1])) {
            credential = parts[2] + ":" + req.get("password");           // userpass, ldap
        } else if (req.containsKey("role_id")) {
            credential = req.get("role_id") + ":" + req.get("secret_id"); // approle
        } else if (req.containsKey("jwt")) {
            credential = req.get("role") + ":" + req.get("jwt");          // kubernetes, jwt
        } else {
            credential = clientCertCn(ex) + ":" + req.get("name");       // cert
        }
        bump("login:" + mount);
        if (!credentials.containsKey(mount)) {
            // as Vault: a request without a token to a path under no mount (a wrong mountPath) is refused, 403
            reply(ex, 403, Map.of("errors", List.of("permission denied")));
            return;
        }
        if (!credentials.get(mount).contains(credential)) {
            reply(ex, 400, Map.of("errors", List.of("invalid credentials")));
            return;
        }
        String token = "hvs." + UUID.randomUUID();
        TokenState t = new TokenState(loginTtl, loginMaxTtl, loginRenewable, clock.instant());
        tokens.put(token, t);
        reply(ex, 200, authBody(token, t, clock.instant()));
    }

    private void kvEndpoint(HttpExchange ex, String path, String query, String token, boolean list, byte[] body) throws IOException {
        TokenState t = token == null ? null : tokens.get(token);
        if (t == null || !t.valid(clock.instant()) || denied.stream().anyMatch(path::startsWith)) {
            reply(ex, 403, Map.of("errors", List.of("permission denied")));
            return;
        }
        String mount = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        Integer version = mounts.get(mount);
        if (version == null) {
            reply(ex, 404, Map.of("errors", List.of("no handler for route \"" + path + "\"")));
            return;
        }
        String rest = path.substring(mount.length() + 1);
        String method = ex.getRequestMethod();
        if (!list && !"GET".equals(method)) {
            bump("kv-write");
            kvWrite(ex, method, mount, version, rest, body);
        } else if (list) {
            bump("kv-list");
            String prefix = version == 2 ? strip(rest, "metadata/") : rest;
            listKeys(ex, mount + "/" + prefix);
        } else if (version == 1) {
            bump("kv-read");
            readV1(ex, mount + "/" + rest);
        } else if (rest.startsWith("metadata/")) {
            bump("kv-metadata");
            readMetadata(ex, mount + "/" + strip(rest, "metadata/"));
        } else if (rest.startsWith("data/")) {
            bump("kv-read");
            readV2(ex, mount + "/" + strip(rest, "data/"), query);
        } else {
            reply(ex, 404, Map.of("errors", List.of()));
        }
    }

    /** A value of a KV secret as it stands (v1: the value; v2: the current version, null when deleted or none). */
    public Map<String, Object> current(String mount, String path) {
        List<Map<String, Object>> versions = kv.get(mount + "/" + path);
        return versions == null || versions.isEmpty() ? null : versions.get(versions.size() - 1);
    }

    /** How many versions a v2 secret has (0: none or no such secret). */
    public int versions(String mount, String path) {
        List<Map<String, Object>> versions = kv.get(mount + "/" + path);
        return versions == null ? 0 : versions.size();
    }

    /**
     * Another writer that gets in first: the next data write to this v2 secret finds this version
     * added just before it is checked (once), as when two writers race.
     */
    public VaultTestServer racingWrite(String mount, String path, Map<String, Object> data) {
        racing.put(mount + "/" + path, data);
        return this;
    }

    /** A v2 secret's custom_metadata, or null. */
    public Map<String, String> customMetadataOf(String mount, String path) {
        return customMetadata.get(mount + "/" + path);
    }

    /**
     * Writes as Vault's KV engines take them: v1 POST/PUT replaces the value and DELETE removes it;
     * v2 POST/PUT on data/ adds a version (honouring options.cas: 0 only when there is none, else
     * the current version), POST on metadata/ replaces custom_metadata (creating an empty record),
     * DELETE on metadata/ removes every version and the metadata.
     */
    @SuppressWarnings("unchecked")
    private void kvWrite(HttpExchange ex, String method, String mount, int version, String rest, byte[] body) throws IOException {
        Map<String, Object> in = body.length == 0 ? Map.of() : JSON.readValue(body, Map.class);
        boolean delete = "DELETE".equals(method);
        if (version == 1) {
            String key = mount + "/" + rest;
            if (delete) {
                kv.remove(key);
            } else {
                kv.put(key, new CopyOnWriteArrayList<>(List.of(new LinkedHashMap<>(in))));
            }
            ex.sendResponseHeaders(204, -1);
            return;
        }
        if (rest.startsWith("metadata/")) {
            String key = mount + "/" + strip(rest, "metadata/");
            if (delete) {
                kv.remove(key);
                customMetadata.remove(key);
            } else {
                kv.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
                if (in.containsKey("custom_metadata")) {
                    Map<String, String> custom = new LinkedHashMap<>();
                    ((Map<String, Object>) in.get("custom_metadata")).forEach((k, v) -> custom.put(k, String.valueOf(v)));
                    customMetadata.put(key, custom);
                }
            }
            ex.sendResponseHeaders(204, -1);
            return;
        }
        if (!rest.startsWith("data/") || delete) {
            reply(ex, 405, Map.of("errors", List.of("this test server does not take " + method + " on " + rest)));
            return;
        }
        String key = mount + "/" + strip(rest, "data/");
        synchronized (kv) {
            List<Map<String, Object>> versions = kv.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
            Map<String, Object> first = racing.remove(key);
            if (first != null) {
                versions.add(first);
            }
            Object cas = in.get("options") instanceof Map<?, ?> options ? options.get("cas") : null;
            if (cas instanceof Number n && n.intValue() != versions.size()) {
                reply(ex, 400, Map.of("errors", List.of("check-and-set parameter did not match the current version")));
                return;
            }
            if (!(in.get("data") instanceof Map<?, ?> data)) {
                reply(ex, 400, Map.of("errors", List.of("no data provided")));
                return;
            }
            versions.add(new LinkedHashMap<>((Map<String, Object>) data));
            reply(ex, 200, Map.of("data", Map.of("version", versions.size(), "created_time", "2026-01-01T00:00:00Z")));
        }
    }

    private void readV1(HttpExchange ex, String key) throws IOException {
        List<Map<String, Object>> versions = kv.get(key);
        if (versions == null || versions.isEmpty()) {
            reply(ex, 404, Map.of("errors", List.of()));
            return;
        }
        reply(ex, 200, Map.of("lease_id", "", "renewable", false, "lease_duration", 2764800,
                "data", versions.get(versions.size() - 1)));
    }

    private void readV2(HttpExchange ex, String key, String query) throws IOException {
        List<Map<String, Object>> versions = kv.get(key);
        if (versions == null || versions.isEmpty()) {
            reply(ex, 404, Map.of("errors", List.of()));
            return;
        }
        int v = versions.size();
        if (query != null && query.startsWith("version=")) {
            v = Integer.parseInt(query.substring("version=".length()));
        }
        if (v < 1 || v > versions.size()) {
            reply(ex, 404, Map.of("errors", List.of()));
            return;
        }
        Map<String, Object> data = versions.get(v - 1);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("created_time", "2026-01-01T00:00:00Z");
        metadata.put("custom_metadata", customMetadata.get(key));
        metadata.put("deletion_time", data == null ? "2026-01-02T00:00:00Z" : "");
        metadata.put("destroyed", false);
        metadata.put("version", v);
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("data", data);
        inner.put("metadata", metadata);
        reply(ex, data == null ? 404 : 200, Map.of("request_id", UUID.randomUUID().toString(), "data", inner));
    }

    private void readMetadata(HttpExchange ex, String key) throws IOException {
        List<Map<String, Object>> versions = kv.get(key);
        if (versions == null || hiddenMetadata.contains(key)) {
            reply(ex, 404, Map.of("errors", List.of()));
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("created_time", "2026-01-01T00:00:00Z");
        data.put("current_version", versions.size());
        data.put("custom_metadata", customMetadata.get(key));
        data.put("delete_version_after", "0s");
        data.put("max_versions", 0);
        reply(ex, 200, Map.of("data", data));
    }

    private void listKeys(HttpExchange ex, String prefix) throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String key : kv.keySet()) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                String rest = key.substring(prefix.length());
                int slash = rest.indexOf('/');
                keys.add(slash < 0 ? rest : rest.substring(0, slash + 1));
            }
        }
        if (keys.isEmpty()) {
            reply(ex, 404, Map.of("errors", List.of()));
            return;
        }
        reply(ex, 200, Map.of("data", Map.of("keys", new ArrayList<>(keys))));
    }

    private Map<String, Object> authBody(String token, TokenState t, Instant now) {
        return Map.of("auth", Map.of("client_token", token, "accessor", "acc-" + token.hashCode(),
                "policies", List.of("default"), "lease_duration", remaining(t, now), "renewable", t.renewable,
                "metadata", Map.of()), "renewable", false, "lease_duration", 0, "lease_id", "");
    }

    private static long remaining(TokenState t, Instant now) {
        return t.expires == null ? 0 : Math.max(0, t.expires.getEpochSecond() - now.getEpochSecond());
    }

    private static String clientCertCn(HttpExchange ex) {
        if (!(ex instanceof HttpsExchange https)) {
            return "no-client-cert";
        }
        try {
            var cert = (java.security.cert.X509Certificate) https.getSSLSession().getPeerCertificates()[0];
            return cert.getSubjectX500Principal().getName().replace("CN=", "");
        } catch (SSLPeerUnverifiedException e) {
            return "no-client-cert";
        }
    }

    private static String strip(String s, String prefix) {
        return s.substring(prefix.length());
    }

    private void bump(String what) {
        counters.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    private static void reply(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        // exactly "application/json": the driver compares the Content-Type verbatim
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
