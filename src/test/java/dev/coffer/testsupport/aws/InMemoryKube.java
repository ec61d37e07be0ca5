package dev.coffer.testsupport.aws;

import dev.coffer.provider.KubeAccess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A KubeAccess over in-memory objects: Secrets, ServiceAccount annotations, and a TokenRequest
 * that hands out numbered tokens and records what was asked.
 */
public final class InMemoryKube implements KubeAccess {

    public record TokenRequest(String namespace, String name, List<String> audiences, long expirationSeconds) {
    }

    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> serviceAccounts = new ConcurrentHashMap<>();
    private final List<TokenRequest> tokenRequests = new ArrayList<>();
    private final AtomicInteger tokens = new AtomicInteger();

    /** The same objects behind a KubeAccess that cannot read ServiceAccounts (as the plain seam). */
    public KubeAccess withoutServiceAccounts() {
        InMemoryKube self = this;
        return new KubeAccess() {
            @Override
            public Optional<Secret> secret(String namespace, String name) {
                return self.secret(namespace, name);
            }

            @Override
            public Optional<ConfigMap> configMap(String namespace, String name) {
                return self.configMap(namespace, name);
            }

            @Override
            public String serviceAccountToken(String namespace, String name, List<String> audiences, long seconds) {
                return self.serviceAccountToken(namespace, name, audiences, seconds);
            }

            @Override
            public String apiServerUrl() {
                return self.apiServerUrl();
            }
        };
    }

    public InMemoryKube secret(String namespace, String name, Map<String, String> data) {
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        secrets.put(namespace + "/" + name, new SecretBuilder().withNewMetadata().withNamespace(namespace)
                .withName(name).endMetadata().withData(encoded).build());
        return this;
    }

    public InMemoryKube serviceAccount(String namespace, String name, Map<String, String> annotations) {
        serviceAccounts.put(namespace + "/" + name, annotations);
        return this;
    }

    public List<TokenRequest> tokenRequests() {
        synchronized (tokenRequests) {
            return List.copyOf(tokenRequests);
        }
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(secrets.get(namespace + "/" + name));
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return Optional.empty();
    }

    @Override
    public String serviceAccountToken(String namespace, String name, List<String> audiences, long expirationSeconds) {
        synchronized (tokenRequests) {
            tokenRequests.add(new TokenRequest(namespace, name, List.copyOf(audiences), expirationSeconds));
        }
        return "eyJ.fake-sa-token-" + tokens.incrementAndGet();
    }

    @Override
    public String apiServerUrl() {
        return "https://kubernetes.default.svc";
    }

    @Override
    public Optional<Map<String, String>> serviceAccountAnnotations(String namespace, String name) {
        return Optional.ofNullable(serviceAccounts.get(namespace + "/" + name));
    }
}
