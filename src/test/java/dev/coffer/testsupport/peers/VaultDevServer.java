package dev.coffer.testsupport.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real Vault ({@code peers/build vault}) in dev mode on a free loopback port: in-memory
 * storage, unsealed, KV v2 at {@code secret/}, and the known root token {@link #ROOT_TOKEN}.
 * Tests configure it through its HTTP API ({@link #write}, {@link #read}, ...) as an operator
 * would with the CLI. {@link #close} stops it and removes its folder.
 */
public final class VaultDevServer implements AutoCloseable {

    public static final String ROOT_TOKEN = "coffer-peer-root";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final PeerProcess daemon;
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private VaultDevServer(Path dir, PeerProcess daemon, String url) {
        this.dir = dir;
        this.daemon = daemon;
        this.url = url;
    }

    /** Starts Vault, or skips the calling test (one line) when it was not built. */
    public static VaultDevServer start() {
        Path vault = PeerBinaries.require("vault", "vault");
        Path dir = PeerProcess.tempFolder("coffer-vault-");
        int port = PeerProcess.freePort();
        String url = "http://127.0.0.1:" + port;
        PeerProcess daemon = PeerProcess.start("vault", List.of(vault.toString(), "server", "-dev",
                "-dev-root-token-id=" + ROOT_TOKEN, "-dev-listen-address=127.0.0.1:" + port, "-dev-no-store-token"),
                // HOME: the CLI's token helper must not touch the real home folder
                dir, Map.of("HOME", dir.toString(), "VAULT_ADDR", url));
        VaultDevServer server = new VaultDevServer(dir, daemon, url);
        try {
            daemon.awaitReady(Duration.ofSeconds(60), () -> server.send("GET", "sys/health", null, null).statusCode() == 200);
        } catch (RuntimeException e) {
            PeerProcess.deleteTree(dir);
            throw e;
        }
        return server;
    }

    public String url() {
        return url;
    }

    /** GET {@code /v1/<path>} with the root token. */
    public JsonNode read(String path) {
        return call("GET", path, null, ROOT_TOKEN);
    }

    /** POST {@code /v1/<path>} with a JSON body (a Map, a JsonNode or null) and the root token. */
    public JsonNode write(String path, Object body) {
        return call("POST", path, body, ROOT_TOKEN);
    }

    /** The keys under {@code path} (Vault's LIST), empty when there are none. */
    public List<String> list(String path) {
        HttpResponse<String> r = send("GET", path + "?list=true", null, ROOT_TOKEN);
        if (r.statusCode() == 404) {
            return List.of();
        }
        JsonNode body = parse("LIST " + path, r);
        List<String> keys = new ArrayList<>();
        body.path("data").path("keys").forEach(k -> keys.add(k.asText()));
        return keys;
    }

    public void delete(String path) {
        call("DELETE", path, null, ROOT_TOKEN);
    }

    /** Any request; fails with Vault's status and errors unless it answers 2xx. Null for 204. */
    public JsonNode call(String method, String path, Object body, String token) {
        return parse(method + " " + path, send(method, path, body, token));
    }

    /** Any request, answered as it comes (for status checks). */
    public HttpResponse<String> send(String method, String path, Object body, String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/v1/" + path)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                b.header("X-Vault-Token", token);
            }
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            return http.send(b.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Vault " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Turns on Vault's file audit device; every request and response after this is a JSON line
     * in the returned file (secret values HMAC'd by Vault, paths and types in clear).
     */
    public Path enableFileAudit() {
        Path file = dir.resolve("audit.log");
        write("sys/audit/file", Map.of("type", "file", "options", Map.of("file_path", file.toString())));
        return file;
    }

    /** The request entries of the audit log whose path matches {@code pathRegex}. */
    public List<JsonNode> auditedRequests(Path auditLog, String pathRegex) {
        List<JsonNode> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(auditLog)) {
                JsonNode entry = JSON.readTree(line);
                if ("request".equals(entry.path("type").asText()) && entry.path("request").path("path").asText().matches(pathRegex)) {
                    out.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public void close() {
        daemon.close();
        PeerProcess.deleteTree(dir);
    }

    private static JsonNode parse(String what, HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("Vault answered " + what + " with " + r.statusCode() + ": " + r.body());
        }
        if (r.statusCode() == 204 || r.body() == null || r.body().isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
