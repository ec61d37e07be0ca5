package dev.coffer.testsupport.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local AWS endpoint on 127.0.0.1 for tests: Secrets Manager and SSM over the AWS JSON 1.1
 * protocol ({@code X-Amz-Target: secretsmanager.*} / {@code AmazonSSM.*}) and STS over the query
 * protocol (form POST, XML answers). Every request must be SigV4-signed with a credential scope
 * naming the right service and the endpoint's region, by a key it knows (a static key it was
 * told about, or one STS issued, with its session token); only AssumeRoleWithWebIdentity goes
 * unsigned, as on AWS. Tests inject faults and delays per operation and read what was called.
 */
public final class FakeAws implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String region;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-aws");
        t.setDaemon(true);
        return t;
    });
    private final FakeSecretsManager secretsManager = new FakeSecretsManager();
    private final FakeParameterStore parameterStore = new FakeParameterStore();
    private final FakeSts sts = new FakeSts(this);
    /** access key id -> who it is and its session token (null for static keys). */
    private final Map<String, Identity> keys = new ConcurrentHashMap<>();
    private final List<AwsRequest> requests = new ArrayList<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile int pageSize = 100;

    private record Identity(String principal, String sessionToken) {
    }

    private static final class Fault {
        final AwsError error;
        int remaining; // < 0: forever

        Fault(AwsError error, int remaining) {
            this.error = error;
            this.remaining = remaining;
        }
    }

    private FakeAws(String region) throws IOException {
        this.region = region;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeAws start(String region) {
        try {
            return new FakeAws(region);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String region() {
        return region;
    }

    public FakeSecretsManager secretsManager() {
        return secretsManager;
    }

    public FakeParameterStore parameterStore() {
        return parameterStore;
    }

    public FakeSts sts() {
        return sts;
    }

    /** Accepts requests signed with this static access key (any secret key). */
    public void allowStaticKey(String accessKeyId) {
        keys.put(accessKeyId, new Identity(accessKeyId, null));
    }

    /** Issues temporary credentials for a principal: {accessKeyId, secretAccessKey, sessionToken}. */
    String[] issue(String principal) {
        int n = issued.incrementAndGet();
        String id = "ASIAFAKE" + String.format("%012d", n);
        String token = "session-token-" + n;
        keys.put(id, new Identity(principal, token));
        return new String[] {id, "fake-secret-" + n, token};
    }

    /** ECR's GetAuthorizationToken: a docker login ("AWS" and a password naming the caller) valid for 12 hours. */
    private JsonNode ecrToken(String operation, String principal) {
        if (!"GetAuthorizationToken".equals(operation)) {
            throw new AwsError(400, "UnknownOperationException", operation);
        }
        int n = issued.incrementAndGet();
        String token = java.util.Base64.getEncoder().encodeToString(("AWS:ecr-password-" + n + "-for-" + principal)
                .getBytes(StandardCharsets.UTF_8));
        ObjectNode data = JSON.createObjectNode().put("authorizationToken", token)
                .put("expiresAt", java.time.Instant.now().plus(Duration.ofHours(12)).getEpochSecond())
                .put("proxyEndpoint", "https://123456789012.dkr.ecr." + region + ".amazonaws.com");
        ObjectNode answer = JSON.createObjectNode();
        answer.putArray("authorizationData").add(data);
        return answer;
    }

    /** The next {@code times} calls of {@code operation} fail (-1: every call). */
    public void fail(String operation, int times, int status, String code, String message) {
        faults.put(operation, new Fault(new AwsError(status, code, message), times));
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Each call of {@code operation} waits this long before answering (to overlap concurrent calls). */
    public void delay(String operation, Duration delay) {
        delays.put(operation, delay);
    }

    /** Items per page for the paginated operations. */
    public void pageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    int pageSize() {
        return pageSize;
    }

    public List<AwsRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public long count(String operation) {
        return requests().stream().filter(r -> r.operation().equals(operation)).count();
    }

    public void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    /** Who an access key belongs to (a static key id or an assumed role ARN). */
    public String principalOf(String accessKeyId) {
        Identity id = keys.get(accessKeyId);
        return id == null ? null : id.principal();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        boolean query = target == null;
        try {
            String service;
            String operation;
            JsonNode json = null;
            Map<String, String> form = Map.of();
            if (query) {
                form = parseForm(new String(body, StandardCharsets.UTF_8));
                service = "sts";
                operation = form.getOrDefault("Action", "");
            } else {
                int dot = target.indexOf('.');
                String prefix = dot < 0 ? target : target.substring(0, dot);
                service = switch (prefix) {
                    case "secretsmanager" -> "secretsmanager";
                    case "AmazonSSM" -> "ssm";
                    case "AmazonEC2ContainerRegistry_V20150921" -> "ecr";
                    default -> throw new AwsError(400, "UnknownOperationException", "unknown target " + target);
                };
                operation = target.substring(dot + 1);
                json = JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
            }
            String principal = authenticate(exchange, service, operation);
            SigV4Scope scope = SigV4Scope.parse(exchange.getRequestHeaders().getFirst("Authorization"));
            synchronized (requests) {
                requests.add(new AwsRequest(service, operation, scope == null ? null : scope.accessKeyId(), principal, json, form));
            }
            Duration delay = delays.get(operation);
            if (delay != null) {
                Thread.sleep(delay.toMillis());
            }
            injectFault(operation);
            if (query) {
                respond(exchange, 200, "text/xml", sts.handle(operation, form, principal).getBytes(StandardCharsets.UTF_8));
            } else {
                JsonNode answer = switch (service) {
                    case "ssm" -> parameterStore.handle(operation, json, pageSize);
                    case "ecr" -> ecrToken(operation, principal);
                    default -> secretsManager.handle(operation, json, pageSize);
                };
                respond(exchange, 200, "application/x-amz-json-1.1", JSON.writeValueAsBytes(answer));
            }
        } catch (AwsError e) {
            if (query) {
                String xml = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                        + "<Code>" + e.code + "</Code><Message>" + e.getMessage() + "</Message></Error>"
                        + "<RequestId>fake</RequestId></ErrorResponse>";
                respond(exchange, e.status, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
            } else {
                ObjectNode err = JSON.createObjectNode().put("__type", e.code).put("message", e.getMessage());
                exchange.getResponseHeaders().add("x-amzn-ErrorType", e.code);
                respond(exchange, e.status, "application/x-amz-json-1.1", JSON.writeValueAsBytes(err));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 500, "text/plain", new byte[0]);
        } catch (RuntimeException e) {
            respond(exchange, 500, "text/plain", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Checks the SigV4 scope and key; returns the caller's principal (null for the one unsigned call). */
    private String authenticate(HttpExchange exchange, String service, String operation) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null && "sts".equals(service) && "AssumeRoleWithWebIdentity".equals(operation)) {
            return null;
        }
        SigV4Scope scope = SigV4Scope.parse(authorization);
        if (scope == null) {
            throw new AwsError(403, "MissingAuthenticationToken", "request is not SigV4-signed");
        }
        if (!scope.service().equals(service) || !scope.region().equals(region)) {
            throw new AwsError(403, "SignatureDoesNotMatch", "credential scope " + scope.region() + "/" + scope.service()
                    + " does not match " + region + "/" + service);
        }
        if (!scope.signedHeaders().contains("host") || !scope.signedHeaders().contains("x-amz-date")) {
            throw new AwsError(403, "SignatureDoesNotMatch", "host and x-amz-date must be signed");
        }
        Identity id = keys.get(scope.accessKeyId());
        if (id == null) {
            throw new AwsError(403, "sts".equals(service) ? "InvalidClientTokenId" : "UnrecognizedClientException",
                    "The security token included in the request is invalid.");
        }
        if (id.sessionToken() != null && !id.sessionToken().equals(exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"))) {
            throw new AwsError(403, "sts".equals(service) ? "InvalidClientTokenId" : "UnrecognizedClientException",
                    "session token missing or wrong");
        }
        return id.principal();
    }

    private void injectFault(String operation) {
        Fault fault = faults.get(operation);
        if (fault == null) {
            return;
        }
        synchronized (fault) {
            if (fault.remaining == 0) {
                return;
            }
            if (fault.remaining > 0) {
                fault.remaining--;
            }
        }
        throw fault.error;
    }

    /** AWS rejects batch reads over their limit; so does the fake, to prove callers batch. */
    static void checkBatch(JsonNode items, int limit, String field) {
        if (items.size() > limit) {
            throw new AwsError(400, "ValidationException", field + " has more than " + limit + " items");
        }
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "fake-request");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
