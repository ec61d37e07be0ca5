package dev.coffer.provider;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a provider may read from Kubernetes while it builds a client: credential Secrets,
 * CA ConfigMaps, service-account tokens. The operator backs it with the API server; the
 * {@code render} command backs it with the objects in the files it is given.
 */
public interface KubeAccess {

    Optional<Secret> secret(String namespace, String name);

    Optional<ConfigMap> configMap(String namespace, String name);

    /**
     * A token for a service account from the TokenRequest API.
     *
     * @param expirationSeconds requested lifetime, or 0 for the server default
     */
    String serviceAccountToken(String namespace, String name, List<String> audiences, long expirationSeconds);

    /**
     * The annotations of a ServiceAccount, or empty if it does not exist. IRSA names the AWS role
     * in them. Empty when the ServiceAccount does not exist or cannot be read here.
     */
    default Optional<Map<String, String>> serviceAccountAnnotations(String namespace, String name) {
        return Optional.empty();
    }

    /** The URL of the API server Coffer itself talks to (used as the in-cluster default). */
    String apiServerUrl();
}
