package dev.coffer.kube;

import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.ProviderException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link KubeAccess} backed by the API server Coffer runs against. */
public final class ApiServerKubeAccess implements KubeAccess {

    private final KubernetesClient client;

    public ApiServerKubeAccess(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return Optional.ofNullable(client.configMaps().inNamespace(namespace).withName(name).get());
    }

    @Override
    public String serviceAccountToken(String namespace, String name, List<String> audiences, long expirationSeconds) {
        TokenRequestBuilder request = new TokenRequestBuilder().withNewSpec()
                .withAudiences(audiences == null ? List.of() : audiences)
                .withExpirationSeconds(expirationSeconds > 0 ? expirationSeconds : null)
                .endSpec();
        try {
            TokenRequest answer = client.serviceAccounts().inNamespace(namespace).withName(name).tokenRequest(request.build());
            if (answer == null || answer.getStatus() == null || answer.getStatus().getToken() == null) {
                throw ProviderException.unavailable("TokenRequest for service account " + namespace + "/" + name
                        + " returned no token", null);
            }
            return answer.getStatus().getToken();
        } catch (KubernetesClientException e) {
            throw ProviderException.accessDenied("cannot create a token for service account " + namespace + "/" + name
                    + " (HTTP " + e.getCode() + ")");
        }
    }

    @Override
    public Optional<Map<String, String>> serviceAccountAnnotations(String namespace, String name) {
        io.fabric8.kubernetes.api.model.ServiceAccount sa;
        try {
            sa = client.serviceAccounts().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            // a refusal (RBAC) must end in the store's status, like every other provider failure
            throw ProviderException.accessDenied("cannot read service account " + namespace + "/" + name
                    + " (HTTP " + e.getCode() + ")");
        }
        return sa == null ? Optional.empty()
                : Optional.of(sa.getMetadata().getAnnotations() == null ? Map.of() : sa.getMetadata().getAnnotations());
    }

    @Override
    public String apiServerUrl() {
        return client.getConfiguration().getMasterUrl();
    }
}
