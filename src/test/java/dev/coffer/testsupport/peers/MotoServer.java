package dev.coffer.testsupport.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * moto ({@code peers/build moto}), the AWS mock, as a server on a free loopback port: Secrets
 * Manager, SSM and STS on one endpoint. Its request recorder is on from the start, so the
 * calls an SDK made are counted on moto's side ({@link #calls()}), by AWS operation.
 * {@link #close} stops it and removes its folder.
 */
public final class MotoServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final PeerProcess daemon;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MotoServer(Path dir, PeerProcess daemon, URI endpoint) {
        this.dir = dir;
        this.daemon = daemon;
        this.endpoint = endpoint;
    }

    /** Starts moto, or skips the calling test (one line) when it was not installed. */
    public static MotoServer start() {
        Path moto = PeerBinaries.require("moto", "moto_server");
        Path dir = PeerProcess.tempFolder("coffer-moto-");
        int port = PeerProcess.freePort();
        PeerProcess daemon = PeerProcess.start("moto", List.of(moto.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port)),
                dir, Map.of("MOTO_RECORDER_FILEPATH", dir.resolve("recording.jsonl").toString()));
        MotoServer server = new MotoServer(dir, daemon, URI.create("http://127.0.0.1:" + port));
        try {
            daemon.awaitReady(Duration.ofSeconds(90), () -> server.motoApi("GET", "").statusCode() == 200);
        } catch (RuntimeException e) {
            PeerProcess.deleteTree(dir);
            throw e;
        }
        server.motoApi("POST", "recorder/reset-recording"); // creates the recording file
        server.motoApi("POST", "recorder/start-recording");
        return server;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Forgets the recorded calls (the AWS state stays). */
    public void resetCalls() {
        motoApi("POST", "recorder/reset-recording");
    }

    /** One request moto recorded: the AWS operation, the access key id that signed it (null if unsigned), the body. */
    public record Call(String operation, String accessKeyId, String body) {
    }

    /** The requests moto received since the start or the last {@link #resetCalls}, in order. */
    public List<Call> requests() {
        List<Call> out = new ArrayList<>();
        for (String line : motoApi("GET", "recorder/download-recording").body().split("\n")) {
            if (!line.isBlank()) {
                out.add(call(line));
            }
        }
        return out;
    }

    /** The number of requests by operation (GetSecretValue, AssumeRole, ...). */
    public Map<String, Integer> calls() {
        Map<String, Integer> out = new TreeMap<>();
        requests().forEach(c -> out.merge(c.operation(), 1, Integer::sum));
        return out;
    }

    public int calls(String operation) {
        return calls().getOrDefault(operation, 0);
    }

    @Override
    public void close() {
        daemon.close();
        PeerProcess.deleteTree(dir);
    }

    /** JSON protocols name the operation in X-Amz-Target ("secretsmanager.GetSecretValue"); query ones (STS) in Action=. */
    private static Call call(String recordedLine) {
        try {
            JsonNode entry = JSON.readTree(recordedLine);
            String target = null;
            String authorization = null;
            for (Iterator<Map.Entry<String, JsonNode>> h = entry.path("headers").fields(); h.hasNext(); ) {
                Map.Entry<String, JsonNode> header = h.next();
                if (header.getKey().equalsIgnoreCase("X-Amz-Target")) {
                    target = header.getValue().asText();
                } else if (header.getKey().equalsIgnoreCase("Authorization")) {
                    authorization = header.getValue().asText();
                }
            }
            String body = entry.path("body").asText("");
            if (entry.path("body_encoded").asBoolean(false)) {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            }
            String operation = target != null ? target.substring(target.lastIndexOf('.') + 1) : formField(body, "Action");
            if (operation == null) {
                operation = entry.path("method").asText() + " " + entry.path("url").asText();
            }
            return new Call(operation, accessKeyId(authorization), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, ..." → AKID. */
    private static String accessKeyId(String authorization) {
        if (authorization == null || !authorization.contains("Credential=")) {
            return null;
        }
        String credential = authorization.substring(authorization.indexOf("Credential=") + "Credential=".length());
        return credential.substring(0, credential.indexOf('/'));
    }

    /** A field of a form-encoded body, or null. */
    public static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private HttpResponse<String> motoApi(String method, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/" + path)).timeout(Duration.ofSeconds(30))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("moto " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
