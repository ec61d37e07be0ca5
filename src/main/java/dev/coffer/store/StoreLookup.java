package dev.coffer.store;

import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import io.fabric8.kubernetes.api.model.Namespace;

import java.util.Optional;

/** Where stores and namespaces are read from: informer caches in the operator, files in render. */
public interface StoreLookup {

    Optional<SecretStore> secretStore(String namespace, String name);

    Optional<ClusterSecretStore> clusterSecretStore(String name);

    Optional<Namespace> namespace(String name);
}
