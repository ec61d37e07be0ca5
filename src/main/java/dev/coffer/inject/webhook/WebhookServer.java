package dev.coffer.inject.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.coffer.inject.AdmissionResponder;
import org.jboss.logging.Logger;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves {@code POST /mutate-pods} (AdmissionReview v1) over HTTPS on its own port.
 *
 * <p>Why a JDK {@code HttpsServer} and not Quarkus' HTTP server: Quarkus has one HTTP and one
 * HTTPS listener sharing one router, so the webhook would also answer on the plain port (and the
 * sealing endpoints on the TLS one), and its TLS registry only reloads certificates from files.
 * Here the key lives in memory, read from the certificate Secret, and a rotated one is served from
 * the next handshake on ({@link SwappableKeyManager}).
 *
 * <p>Logs name the request's uid, namespace and outcome; never the pod, whose annotations or env
 * may hold anything.
 */
public final class WebhookServer implements AutoCloseable {

    public static final String PATH = "/mutate-pods";
    private static final Logger LOG = Logger.getLogger(WebhookServer.class);
    /** The API server sends at most 3 MiB objects; a review holds one pod (object, maybe oldObject). */
    private static final int MAX_BODY = 8 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdmissionResponder responder;
    private final SwappableKeyManager keys = new SwappableKeyManager();
    private final HttpsServer server;
    private final ExecutorService workers;
    private volatile java.util.function.Consumer<String> outcomes = o -> { };

    /** Binds {@code host:port} (port 0: a free one); serves once {@link #useKey} gave it a key. */
    public WebhookServer(AdmissionResponder responder, String host, int port) throws IOException {
        this.responder = responder;
        SSLContext tls;
        try {
            tls = SSLContext.getInstance("TLS");
            tls.init(new KeyManager[]{keys}, null, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for the injection webhook: " + e.getMessage(), e);
        }
        server = HttpsServer.create(new InetSocketAddress(host, port), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext(PATH, this::handle);
        workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "coffer-inject-webhook");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
    }

    /** Hears each answered review's outcome ({@link #outcome}), for the admissions metric. */
    public void countOutcomes(java.util.function.Consumer<String> listener) {
        outcomes = listener;
    }

    /** Serves another endpoint on the same TLS listener (the render endpoint of store injection). */
    public void route(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    /** Serves this key and chain from the next handshake on (first call, and each rotation). */
    public void useKey(PrivateKey key, X509Certificate... chain) {
        keys.use(key, chain);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !PATH.equals(exchange.getRequestURI().getPath())) {
                reply(exchange, 404, "text/plain", "not found\n");
                return;
            }
            JsonNode review;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readNBytes(MAX_BODY + 1);
                if (body.length > MAX_BODY) {
                    reply(exchange, 413, "text/plain", "AdmissionReview too large\n");
                    return;
                }
                review = JSON.readTree(body);
            } catch (IOException e) {
                reply(exchange, 400, "text/plain", "not an AdmissionReview: malformed JSON\n");
                return;
            }
            if (review == null || !review.path("request").isObject() || review.path("request").path("uid").asText().isEmpty()) {
                reply(exchange, 400, "text/plain", "not an AdmissionReview v1: request.uid is missing\n");
                return;
            }
            ObjectNode answer = responder.respond(review);
            JsonNode response = answer.path("response");
            String outcome = outcome(response);
            LOG.debugf("admission %s in namespace %s: %s", response.path("uid").asText(),
                    review.path("request").path("namespace").asText(), outcome);
            outcomes.accept(outcome);
            reply(exchange, 200, "application/json", JSON.writeValueAsString(answer));
        } catch (RuntimeException e) {
            // one line, no stack trace: the review may carry anything
            LOG.warnf("injection webhook failed: %s", e.getClass().getSimpleName());
        }
    }

    static String outcome(JsonNode response) {
        if (!response.path("allowed").asBoolean()) {
            return "refused";
        }
        if (response.has("patch")) {
            return "mutated";
        }
        return response.has("warnings") ? "skipped" : "untouched";
    }

    private static void reply(HttpExchange exchange, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
