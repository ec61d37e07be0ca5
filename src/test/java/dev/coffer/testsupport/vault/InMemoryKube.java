package dev.coffer.testsupport.vault;

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

/** Kubernetes objects for provider tests: Secrets, ConfigMaps and TokenRequest tokens, in memory. */
public final class InMemoryKube implements KubeAccess {

    /** One TokenRequest call, as the provider made it. */
    public record TokenRequest(String namespace, String serviceAccount, List<String> audiences, long expirationSeconds) {
    }

    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final Map<String, ConfigMap> configMaps = new ConcurrentHashMap<>();
    private final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();

    public InMemoryKube secret(String namespace, String name, Map<String, String> data) {
        Map<String, String> b64 = new ConcurrentHashMap<>();
        data.forEach((k, v) -> b64.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        secrets.put(namespace + "/" + name, new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .endMetadata().withData(b64).build());
        return this;
    }

    public InMemoryKube configMap(String namespace, String name, Map<String, String> data) {
        configMaps.put(namespace + "/" + name, new ConfigMapBuilder().withNewMetadata().withNamespace(namespace)
                .withName(name).endMetadata().withData(data).build());
        return this;
    }

    /** The TokenRequest calls made so far. */
    public List<TokenRequest> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    /** The token this fake issues for a service account: deterministic, so a test server can accept it. */
    public static String tokenFor(String namespace, String serviceAccount) {
        return "sa-jwt." + namespace + "." + serviceAccount;
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(secrets.get(namespace + "/" + name));
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return Optional.ofNullable(configMaps.get(namespace + "/" + name));
    }

    @Override
    public String serviceAccountToken(String namespace, String name, List<String> audiences, long expirationSeconds) {
        tokenRequests.add(new TokenRequest(namespace, name, List.copyOf(audiences), expirationSeconds));
        return tokenFor(namespace, name);
    }

    @Override
    public String apiServerUrl() {
        return "https://kubernetes.default.svc";
    }
}
