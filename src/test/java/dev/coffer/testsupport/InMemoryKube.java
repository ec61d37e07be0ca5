package dev.coffer.testsupport;

import dev.coffer.provider.KubeAccess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A KubeAccess over plain maps, for pure tests. */
public final class InMemoryKube implements KubeAccess {

    private final Map<String, Secret> secrets = new HashMap<>();
    private final Map<String, ConfigMap> configMaps = new HashMap<>();

    public InMemoryKube putSecret(String namespace, String name, Map<String, String> plain) {
        secrets.put(namespace + "/" + name, TestResources.secret(namespace, name, plain));
        return this;
    }

    public InMemoryKube putSecret(Secret secret) {
        secrets.put(secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName(), secret);
        return this;
    }

    public InMemoryKube putConfigMap(String namespace, String name, Map<String, String> data) {
        configMaps.put(namespace + "/" + name, new ConfigMapBuilder().withNewMetadata().withNamespace(namespace)
                .withName(name).endMetadata().withData(data).build());
        return this;
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
        return "token-" + namespace + "-" + name;
    }

    @Override
    public String apiServerUrl() {
        return "https://kubernetes.default.svc";
    }
}
