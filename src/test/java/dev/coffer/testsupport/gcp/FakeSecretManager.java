package dev.coffer.testsupport.gcp;

import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.GetSecretRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsResponse;
import com.google.cloud.secretmanager.v1.ListSecretsRequest;
import com.google.cloud.secretmanager.v1.ListSecretsResponse;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsServerCredentials;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.KeyManager;

/**
 * A local {@code google.cloud.secretmanager.v1.SecretManagerService} over TLS, built from the
 * request and response messages of the proto artifact ({@link ProtoUtils#marshaller}) rather than a
 * generated stub. It speaks the real wire protocol, so the SDK's own client, retries and auth
 * (bearer tokens in the call metadata) run unchanged. Lists answer with the project number, as
 * Google does, and in pages of {@link #PAGE_SIZE}.
 */
public final class FakeSecretManager implements AutoCloseable {

    public static final String SERVICE = "google.cloud.secretmanager.v1.SecretManagerService";
    public static final int PAGE_SIZE = 2;
    public static final String PROJECT_NUMBER = "123456789012";
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    /** One call as received: method, the resource name or parent, the filter, the bearer token. */
    public record Call(String method, String name, String filter, String bearer) {
    }

    private record Version(int number, byte[] data, SecretVersion.State state, long created) {
    }

    private static final class Stored {
        final Map<String, String> labels = new TreeMap<>();
        final Map<String, String> annotations = new TreeMap<>();
        final List<Version> versions = new CopyOnWriteArrayList<>();
        /** What CreateSecret asked for besides labels and annotations (topics, replication, CMEK). */
        volatile Secret created = Secret.getDefaultInstance();
    }

    private final Map<String, Stored> secrets = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, List<Status>> failures = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final AtomicInteger clock = new AtomicInteger(1_700_000_000);
    private final Set<String> acceptedTokens;
    private final Server server;

    /**
     * @param acceptedTokens bearer tokens accepted (live view); any other gets UNAUTHENTICATED
     */
    public FakeSecretManager(KeyManager[] serverKeys, Set<String> acceptedTokens) {
        this.acceptedTokens = acceptedTokens;
        ServerServiceDefinition service = ServerServiceDefinition.builder(SERVICE)
                .addMethod(method("AccessSecretVersion", AccessSecretVersionRequest.getDefaultInstance(),
                        AccessSecretVersionResponse.getDefaultInstance()), unary(AccessSecretVersionRequest::getName, this::access))
                .addMethod(method("GetSecret", GetSecretRequest.getDefaultInstance(), Secret.getDefaultInstance()),
                        unary(GetSecretRequest::getName, this::getSecret))
                .addMethod(method("ListSecrets", ListSecretsRequest.getDefaultInstance(), ListSecretsResponse.getDefaultInstance()),
                        unary(ListSecretsRequest::getParent, this::listSecrets))
                .addMethod(method("ListSecretVersions", ListSecretVersionsRequest.getDefaultInstance(),
                        ListSecretVersionsResponse.getDefaultInstance()), unary(ListSecretVersionsRequest::getParent, this::listVersions))
                .addMethod(method("CreateSecret", com.google.cloud.secretmanager.v1.CreateSecretRequest.getDefaultInstance(),
                        Secret.getDefaultInstance()), unary(r -> r.getParent() + "/secrets/" + r.getSecretId(), this::createSecret))
                .addMethod(method("AddSecretVersion", com.google.cloud.secretmanager.v1.AddSecretVersionRequest.getDefaultInstance(),
                        SecretVersion.getDefaultInstance()), unary(com.google.cloud.secretmanager.v1.AddSecretVersionRequest::getParent,
                        this::addSecretVersion))
                .addMethod(method("UpdateSecret", com.google.cloud.secretmanager.v1.UpdateSecretRequest.getDefaultInstance(),
                        Secret.getDefaultInstance()), unary(r -> r.getSecret().getName(), this::updateSecret))
                .addMethod(method("DeleteSecret", com.google.cloud.secretmanager.v1.DeleteSecretRequest.getDefaultInstance(),
                        com.google.protobuf.Empty.getDefaultInstance()), unary(com.google.cloud.secretmanager.v1.DeleteSecretRequest::getName,
                        this::deleteSecret))
                .build();
        try {
            server = Grpc.newServerBuilderForPort(0, TlsServerCredentials.newBuilder().keyManager(serverKeys).build())
                    .addService(ServerInterceptors.intercept(service, new BearerCheck()))
                    .build().start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String endpoint() {
        return "127.0.0.1:" + server.getPort();
    }

    /** Adds a version to a secret (creating it); returns the version number. */
    public int addVersion(String project, String key, String value) {
        Stored s = secrets.computeIfAbsent(secretName(project, key), k -> new Stored());
        int number = s.versions.size() + 1;
        s.versions.add(new Version(number, value.getBytes(StandardCharsets.UTF_8), SecretVersion.State.ENABLED,
                clock.incrementAndGet()));
        return number;
    }

    /** An existing secret without any version. */
    public void createEmpty(String project, String key) {
        secrets.computeIfAbsent(secretName(project, key), k -> new Stored());
    }

    public void label(String project, String key, String name, String value) {
        secrets.get(secretName(project, key)).labels.put(name, value);
    }

    public void annotate(String project, String key, String name, String value) {
        secrets.get(secretName(project, key)).annotations.put(name, value);
    }

    public void setState(String project, String key, int version, SecretVersion.State state) {
        List<Version> versions = secrets.get(secretName(project, key)).versions;
        Version v = versions.get(version - 1);
        versions.set(version - 1, new Version(v.number(), v.data(), state, v.created()));
    }

    /** The next calls of {@code method} fail with these statuses, one each, in order. */
    public void failNext(String method, Status... statuses) {
        failures.computeIfAbsent(method, m -> Collections.synchronizedList(new ArrayList<>())).addAll(List.of(statuses));
    }

    /** Every later call of {@code method} is answered after this delay (standing in for Google's latency). */
    public void delay(String method, Duration latency) {
        delays.put(method, latency);
    }

    public void clearCalls() {
        calls.clear();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public long count(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).count();
    }

    public static String secretName(String project, String key) {
        return project.contains("/") ? project + "/secrets/" + key : "projects/" + project + "/secrets/" + key;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private AccessSecretVersionResponse access(AccessSecretVersionRequest request) {
        String name = request.getName();
        int at = name.lastIndexOf("/versions/");
        Stored s = secrets.get(name.substring(0, at));
        String wanted = name.substring(at + "/versions/".length());
        if (s == null || s.versions.isEmpty()) {
            throw Status.NOT_FOUND.withDescription("Secret [" + name.substring(0, at) + "] not found or has no versions.")
                    .asRuntimeException();
        }
        Version v;
        if (wanted.equals("latest")) {
            v = s.versions.get(s.versions.size() - 1);
        } else {
            int n = Integer.parseInt(wanted);
            if (n < 1 || n > s.versions.size()) {
                throw Status.NOT_FOUND.withDescription("Secret Version [" + name + "] not found.").asRuntimeException();
            }
            v = s.versions.get(n - 1);
        }
        if (v.state() != SecretVersion.State.ENABLED) {
            throw Status.FAILED_PRECONDITION.withDescription("Secret Version [" + name + "] is in " + v.state() + " state.")
                    .asRuntimeException();
        }
        return AccessSecretVersionResponse.newBuilder()
                .setName(name.substring(0, at) + "/versions/" + v.number())
                .setPayload(SecretPayload.newBuilder().setData(ByteString.copyFrom(v.data())))
                .build();
    }

    /** The stored secret as CreateSecret and UpdateSecret left it, or null. */
    public Secret secret(String project, String key) {
        Stored s = secrets.get(secretName(project, key));
        return s == null ? null : s.created.toBuilder().setName(secretName(project, key)).clearLabels().putAllLabels(s.labels)
                .clearAnnotations().putAllAnnotations(s.annotations).build();
    }

    /** The values of a secret's versions, oldest first (empty when it does not exist). */
    public List<String> values(String project, String key) {
        Stored s = secrets.get(secretName(project, key));
        return s == null ? List.of() : s.versions.stream().map(v -> new String(v.data(), StandardCharsets.UTF_8)).toList();
    }

    private Secret createSecret(com.google.cloud.secretmanager.v1.CreateSecretRequest request) {
        String name = request.getParent() + "/secrets/" + request.getSecretId();
        Stored s = new Stored();
        if (secrets.putIfAbsent(name, s) != null) {
            throw Status.ALREADY_EXISTS.withDescription("Secret [" + name + "] already exists.").asRuntimeException();
        }
        s.labels.putAll(request.getSecret().getLabelsMap());
        s.annotations.putAll(request.getSecret().getAnnotationsMap());
        s.created = request.getSecret();
        return request.getSecret().toBuilder().setName(name).build();
    }

    private SecretVersion addSecretVersion(com.google.cloud.secretmanager.v1.AddSecretVersionRequest request) {
        Stored s = secrets.get(request.getParent());
        if (s == null) {
            throw Status.NOT_FOUND.withDescription("Secret [" + request.getParent() + "] not found.").asRuntimeException();
        }
        int number = s.versions.size() + 1;
        s.versions.add(new Version(number, request.getPayload().getData().toByteArray(), SecretVersion.State.ENABLED,
                clock.incrementAndGet()));
        return SecretVersion.newBuilder().setName(request.getParent() + "/versions/" + number).setState(SecretVersion.State.ENABLED).build();
    }

    private Secret updateSecret(com.google.cloud.secretmanager.v1.UpdateSecretRequest request) {
        Stored s = secrets.get(request.getSecret().getName());
        if (s == null) {
            throw Status.NOT_FOUND.withDescription("Secret [" + request.getSecret().getName() + "] not found.").asRuntimeException();
        }
        for (String path : request.getUpdateMask().getPathsList()) {
            switch (path) {
                case "labels" -> {
                    s.labels.clear();
                    s.labels.putAll(request.getSecret().getLabelsMap());
                }
                case "annotations" -> {
                    s.annotations.clear();
                    s.annotations.putAll(request.getSecret().getAnnotationsMap());
                }
                default -> throw Status.INVALID_ARGUMENT.withDescription("unsupported update mask path " + path).asRuntimeException();
            }
        }
        return getSecret(GetSecretRequest.newBuilder().setName(request.getSecret().getName()).build());
    }

    private com.google.protobuf.Empty deleteSecret(com.google.cloud.secretmanager.v1.DeleteSecretRequest request) {
        if (secrets.remove(request.getName()) == null) {
            throw Status.NOT_FOUND.withDescription("Secret [" + request.getName() + "] not found.").asRuntimeException();
        }
        return com.google.protobuf.Empty.getDefaultInstance();
    }

    private Secret getSecret(GetSecretRequest request) {
        Stored s = secrets.get(request.getName());
        if (s == null) {
            throw Status.NOT_FOUND.withDescription("Secret [" + request.getName() + "] not found.").asRuntimeException();
        }
        return Secret.newBuilder().setName(request.getName()).putAllLabels(s.labels).putAllAnnotations(s.annotations).build();
    }

    private ListSecretsResponse listSecrets(ListSecretsRequest request) {
        List<Map.Entry<String, Stored>> matching = new ArrayList<>();
        new TreeMap<>(secrets).forEach((name, s) -> {
            if (name.startsWith(request.getParent() + "/secrets/") && matches(request.getFilter(), name, s)) {
                matching.add(Map.entry(name, s));
            }
        });
        int from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
        int to = Math.min(matching.size(), from + PAGE_SIZE);
        ListSecretsResponse.Builder out = ListSecretsResponse.newBuilder().setTotalSize(matching.size());
        for (Map.Entry<String, Stored> e : matching.subList(from, to)) {
            // Google answers with the project number where the request named the project id.
            String numbered = e.getKey().replaceFirst("^projects/[^/]+/", "projects/" + PROJECT_NUMBER + "/");
            out.addSecrets(Secret.newBuilder().setName(numbered).putAllLabels(e.getValue().labels));
        }
        if (to < matching.size()) {
            out.setNextPageToken(Integer.toString(to));
        }
        return out.build();
    }

    private ListSecretVersionsResponse listVersions(ListSecretVersionsRequest request) {
        Stored s = secrets.get(request.getParent());
        if (s == null) {
            throw Status.NOT_FOUND.withDescription("Secret [" + request.getParent() + "] not found.").asRuntimeException();
        }
        ListSecretVersionsResponse.Builder out = ListSecretVersionsResponse.newBuilder();
        for (Version v : s.versions) {
            if (!request.getFilter().equals("state:ENABLED") || v.state() == SecretVersion.State.ENABLED) {
                out.addVersions(SecretVersion.newBuilder().setName(request.getParent() + "/versions/" + v.number())
                        .setState(v.state()).setCreateTime(Timestamp.newBuilder().setSeconds(v.created())));
            }
        }
        return out.build();
    }

    /** The subset of Secret Manager's filter language upstream sends: {@code labels.K=V} and {@code name:TEXT}, ANDed. */
    private static boolean matches(String filter, String name, Stored s) {
        for (String term : filter.isBlank() ? new String[0] : filter.trim().split("\\s+")) {
            if (term.startsWith("labels.")) {
                String[] kv = term.substring("labels.".length()).split("=", 2);
                if (!kv[1].equals(s.labels.get(kv[0]))) {
                    return false;
                }
            } else if (term.startsWith("name:")) {
                if (!name.substring(name.indexOf("/secrets/") + 9).contains(term.substring(5))) {
                    return false;
                }
            } else {
                throw Status.INVALID_ARGUMENT.withDescription("unsupported filter term").asRuntimeException();
            }
        }
        return true;
    }

    private static <Q extends Message, R extends Message> MethodDescriptor<Q, R> method(String name, Q request, R response) {
        return MethodDescriptor.<Q, R>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(ProtoUtils.marshaller(request))
                .setResponseMarshaller(ProtoUtils.marshaller(response))
                .build();
    }

    private <Q, R> ServerCallHandler<Q, R> unary(Function<Q, String> nameOf, Function<Q, R> handler) {
        return ServerCalls.asyncUnaryCall((request, observer) -> {
            String method = CURRENT_METHOD.get();
            calls.add(new Call(method, nameOf.apply(request), filterOf(request), CURRENT_BEARER.get()));
            List<Status> queued = failures.get(method);
            Status failure = null;
            if (queued != null) {
                synchronized (queued) {
                    failure = queued.isEmpty() ? null : queued.remove(0);
                }
            }
            if (failure != null) {
                observer.onError(failure.asRuntimeException());
                return;
            }
            Duration latency = delays.get(method);
            if (latency != null) {
                try {
                    Thread.sleep(latency.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                observer.onNext(handler.apply(request));
                observer.onCompleted();
            } catch (StatusRuntimeException e) {
                observer.onError(e);
            }
        });
    }

    private static String filterOf(Object request) {
        if (request instanceof ListSecretsRequest r) {
            return r.getFilter();
        }
        if (request instanceof ListSecretVersionsRequest r) {
            return r.getFilter();
        }
        return null;
    }

    private static final ThreadLocal<String> CURRENT_METHOD = new ThreadLocal<>();
    private static final ThreadLocal<String> CURRENT_BEARER = new ThreadLocal<>();

    /** Rejects calls without an accepted bearer token, and notes method and token for the handler. */
    private final class BearerCheck implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String auth = headers.get(AUTHORIZATION);
            String bearer = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
            if (bearer == null || !acceptedTokens.contains(bearer)) {
                calls.add(new Call(call.getMethodDescriptor().getBareMethodName(), null, null, bearer));
                call.close(Status.UNAUTHENTICATED.withDescription("Request had invalid authentication credentials."), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
            String method = call.getMethodDescriptor().getBareMethodName();
            ServerCall.Listener<Q> delegate = next.startCall(call, headers);
            // Unary handlers run in onHalfClose, on a server thread: set the context around it.
            return new io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
                @Override
                public void onHalfClose() {
                    CURRENT_METHOD.set(method);
                    CURRENT_BEARER.set(bearer);
                    try {
                        super.onHalfClose();
                    } finally {
                        CURRENT_METHOD.remove();
                        CURRENT_BEARER.remove();
                    }
                }
            };
        }
    }
}
