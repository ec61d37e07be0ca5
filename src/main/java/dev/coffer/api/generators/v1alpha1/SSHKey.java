package dev.coffer.api.generators.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Generates an SSH key pair: {@code privateKey} (OpenSSH format) and {@code publicKey} (authorized_keys line). */
@Group(Generators.GROUP)
@Version(Generators.VERSION)
@Kind("SSHKey")
@Plural("sshkeys")
@Singular("sshkey")
public class SSHKey extends CustomResource<SSHKeySpec, GeneratorStatus> implements Namespaced {
}
