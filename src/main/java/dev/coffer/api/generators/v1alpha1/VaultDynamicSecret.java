package dev.coffer.api.generators.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Obtains dynamic credentials (with a lease) from a HashiCorp Vault path. */
@Group(Generators.GROUP)
@Version(Generators.VERSION)
@Kind("VaultDynamicSecret")
@Plural("vaultdynamicsecrets")
@Singular("vaultdynamicsecret")
public class VaultDynamicSecret extends CustomResource<VaultDynamicSecretSpec, GeneratorStatus> implements Namespaced {
}
