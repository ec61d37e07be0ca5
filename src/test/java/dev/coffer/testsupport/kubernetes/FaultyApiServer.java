package dev.coffer.testsupport.kubernetes;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The Fabric8 CRUD mock API server with faults switched on and off by the test: error answers
 * (500, 409, 429 with {@code Retry-After}) and slow answers for the requests a rule matches, and
 * watch connections dropped on demand. Everything a rule does not match is served by the CRUD
 * dispatcher as usual, so the operator under test runs its production code against it.
 */
public final class FaultyApiServer implements AutoCloseable {

    private record Rule(Predicate<RecordedRequest> match, int status, Duration delay, AtomicInteger hits, int times) {
        boolean spent() {
            return times > 0 && hits.get() >= times;
        }
    }

    private static final String UNFAULTED = "X-Coffer-Test-Unfaulted";

    private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Set<WebSocket> watches = ConcurrentHashMap.newKeySet();
    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient admin;

    public FaultyApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new FaultDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        // the test's own client is never faulted, so a test can look while the operator suffers
        admin = server.createClient(b -> b.editOrNewConfig().withCustomHeaders(java.util.Map.of(UNFAULTED, "true")).endConfig());
    }

    /** The underlying server (for expectations such as leases or access reviews). */
    public KubernetesMockServer server() {
        return server;
    }

    /** A client for seeding and inspecting, through the same faults as the operator sees. */
    public NamespacedKubernetesClient admin() {
        return admin;
    }

    /** Answers matching requests with {@code status} (and a short Status body) until {@link #heal()}; returns a hit counter. */
    public AtomicInteger fail(Predicate<RecordedRequest> match, int status) {
        return fail(match, status, 0);
    }

    /** As {@link #fail(Predicate, int)}, for the first {@code times} matching requests only (0: until healed). */
    public AtomicInteger fail(Predicate<RecordedRequest> match, int status, int times) {
        Rule rule = new Rule(match, status, Duration.ZERO, new AtomicInteger(), times);
        rules.add(rule);
        return rule.hits();
    }

    /** Serves matching requests as usual, but holds each answer back for {@code delay}. */
    public AtomicInteger slow(Predicate<RecordedRequest> match, Duration delay) {
        Rule rule = new Rule(match, 0, delay, new AtomicInteger(), 0);
        rules.add(rule);
        return rule.hits();
    }

    /** Ends every fault: from now on every request is served as usual. */
    public void heal() {
        rules.clear();
    }

    /** Closes every open watch connection (as an API server restart or a load balancer does); clients must watch again. */
    public int dropWatches() {
        int dropped = 0;
        for (WebSocket ws : List.copyOf(watches)) {
            if (ws.close(1001, "going away")) {
                dropped++;
            }
            watches.remove(ws);
        }
        return dropped;
    }

    /** How many watch connections are open now. */
    public int openWatches() {
        return watches.size();
    }

    @Override
    public void close() {
        heal();
        admin.close();
        server.destroy();
    }

    private final class FaultDispatcher extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            for (Rule rule : rules) {
                if (request.getHeader(UNFAULTED) == null && !rule.spent() && rule.match().test(request)) {
                    rule.hits().incrementAndGet();
                    if (rule.status() != 0) {
                        return errorAnswer(rule.status());
                    }
                    return crud.dispatch(request).setBodyDelay(rule.delay());
                }
            }
            MockResponse answer = crud.dispatch(request);
            WebSocketListener listener = answer.getWebSocketListener();
            return listener == null ? answer : answer.withWebSocketUpgrade(new TrackedWatch(listener));
        }

        @Override
        public void shutdown() {
            crud.shutdown();
        }
    }

    private static MockResponse errorAnswer(int status) {
        String reason = switch (status) {
            case 409 -> "Conflict";
            case 429 -> "TooManyRequests";
            default -> "InternalError";
        };
        MockResponse answer = new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"" + reason
                        + "\",\"message\":\"injected fault\",\"code\":" + status + "}");
        return status == 429 ? answer.setHeader("Retry-After", "1") : answer;
    }

    /** The CRUD dispatcher's watch listener, with the connection remembered so that it can be dropped. */
    private final class TrackedWatch extends WebSocketListener {
        private final WebSocketListener delegate;

        TrackedWatch(WebSocketListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onBeforeAccept(WebSocket ws, Response response) {
            delegate.onBeforeAccept(ws, response);
        }

        @Override
        public void onOpen(WebSocket ws, Response response) {
            if (ws.request().getHeader(UNFAULTED) == null) {
                watches.add(ws); // only the operator's watches are dropped
            }
            delegate.onOpen(ws, response);
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            delegate.onMessage(ws, text);
        }

        @Override
        public void onMessage(WebSocket ws, ByteString bytes) {
            delegate.onMessage(ws, bytes);
        }

        @Override
        public void onMessage(WebSocket ws, byte[] bytes) {
            delegate.onMessage(ws, bytes);
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            watches.remove(ws);
            delegate.onClosing(ws, code, reason);
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            watches.remove(ws);
            delegate.onClosed(ws, code, reason);
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            watches.remove(ws);
            delegate.onFailure(ws, t, response);
        }
    }
}
