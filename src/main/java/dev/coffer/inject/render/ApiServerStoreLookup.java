package dev.coffer.inject.render;

import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.store.ControllerClass;
import dev.coffer.store.StoreLookup;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Optional;

/**
 * Stores read from the API server when a pod's agent asks (the render endpoint keeps no store
 * informers: a render is minutes apart per pod). A store of another controller class is not
 * Coffer's to use, so it reads as absent, as it does to ExternalSecrets.
 */
final class ApiServerStoreLookup implements StoreLookup {

    private final KubernetesClient client;
    private final ControllerClass controllerClass;

    ApiServerStoreLookup(KubernetesClient client, ControllerClass controllerClass) {
        this.client = client;
        this.controllerClass = controllerClass;
    }

    @Override
    public Optional<SecretStore> secretStore(String namespace, String name) {
        return Optional.ofNullable(client.resources(SecretStore.class).inNamespace(namespace).withName(name).get())
                .filter(s -> s.getSpec() == null || controllerClass.serves(s.getSpec()));
    }

    @Override
    public Optional<ClusterSecretStore> clusterSecretStore(String name) {
        return Optional.ofNullable(client.resources(ClusterSecretStore.class).withName(name).get())
                .filter(s -> s.getSpec() == null || controllerClass.serves(s.getSpec()));
    }

    @Override
    public Optional<Namespace> namespace(String name) {
        return Optional.ofNullable(client.namespaces().withName(name).get());
    }
}
