package dev.coffer.cli;

import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.ProviderException;
import dev.coffer.store.StoreLookup;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The objects given to {@code render} standing in for the cluster: credential Secrets,
 * templateFrom sources, stores, namespaces, and the target Secret for Merge. Objects without a
 * namespace are taken to be in {@code defaultNamespace}, as kubectl would place them.
 */
final class FileObjects implements KubeAccess, StoreLookup {

    private final List<HasMetadata> objects;
    private final String defaultNamespace;

    FileObjects(List<HasMetadata> objects, String defaultNamespace) {
        this.objects = objects;
        this.defaultNamespace = defaultNamespace;
    }

    String namespaceOf(HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? defaultNamespace : ns;
    }

    private <T extends HasMetadata> Optional<T> find(Class<T> type, String namespace, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> name.equals(o.getMetadata().getName()))
                .filter(o -> namespace == null || Objects.equals(namespace, namespaceOf(o)))
                .findFirst();
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return find(Secret.class, namespace, name);
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return find(ConfigMap.class, namespace, name);
    }

    @Override
    public Optional<Map<String, String>> serviceAccountAnnotations(String namespace, String name) {
        return find(ServiceAccount.class, namespace, name).map(sa -> sa.getMetadata().getAnnotations() == null
                ? Map.of() : sa.getMetadata().getAnnotations());
    }

    @Override
    public String serviceAccountToken(String namespace, String name, List<String> audiences, long expirationSeconds) {
        throw ProviderException.invalidConfig("render cannot request a token for service account " + namespace + "/" + name
                + ": it has no cluster; use a store whose credentials are in the given files");
    }

    @Override
    public String apiServerUrl() {
        throw ProviderException.invalidConfig("render has no cluster: the kubernetes provider needs spec.provider.kubernetes.server.url");
    }

    @Override
    public Optional<SecretStore> secretStore(String namespace, String name) {
        return find(SecretStore.class, namespace, name);
    }

    @Override
    public Optional<ClusterSecretStore> clusterSecretStore(String name) {
        return find(ClusterSecretStore.class, null, name);
    }

    @Override
    public Optional<Namespace> namespace(String name) {
        return find(Namespace.class, null, name);
    }
}
