package dev.coffer.testsupport.kubernetes;

import dev.coffer.provider.KubeAccess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link KubeAccess} over objects held in memory: the operator's side of a provider test
 * (credential Secrets, CA ConfigMaps, minted service-account tokens). Token requests are recorded.
 */
public final class InMemoryKubeAccess implements KubeAccess {

    /** One call to {@link #serviceAccountToken}. */
    public record TokenRequest(String namespace, String name, List<String> audiences, long expirationSeconds) {
    }

    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final Map<String, ConfigMap> configMaps = new ConcurrentHashMap<>();
    private final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger minted = new AtomicInteger();
    private volatile String apiServerUrl;
    private volatile RuntimeException tokenFailure;

    public InMemoryKubeAccess(String apiServerUrl) {
        this.apiServerUrl = apiServerUrl;
    }

    /** Adds (or replaces) a Secret with string values. */
    public InMemoryKubeAccess secret(String namespace, String name, Map<String, String> data) {
        Map<String, String> b64 = new ConcurrentHashMap<>();
        data.forEach((k, v) -> b64.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        secrets.put(namespace + "/" + name, new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .endMetadata().withData(b64).build());
        return this;
    }

    public InMemoryKubeAccess configMap(String namespace, String name, Map<String, String> data) {
        configMaps.put(namespace + "/" + name, new ConfigMapBuilder().withNewMetadata().withNamespace(namespace)
                .withName(name).endMetadata().withData(data).build());
        return this;
    }

    /** Makes every later token request fail with this exception (null: succeed again). */
    public void failTokenRequests(RuntimeException failure) {
        this.tokenFailure = failure;
    }

    public List<TokenRequest> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(secrets.get(namespace + "/" + name));
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return Optional.ofNullable(configMaps.get(namespace + "/" + name));
    }

    /** Mints {@code token-<namespace>-<name>-<n>}, n counting from 1. */
    @Override
    public String serviceAccountToken(String namespace, String name, List<String> audiences, long expirationSeconds) {
        tokenRequests.add(new TokenRequest(namespace, name, List.copyOf(audiences), expirationSeconds));
        RuntimeException failure = tokenFailure;
        if (failure != null) {
            throw failure;
        }
        return "token-" + namespace + "-" + name + "-" + minted.incrementAndGet();
    }

    @Override
    public String apiServerUrl() {
        return apiServerUrl;
    }
}
