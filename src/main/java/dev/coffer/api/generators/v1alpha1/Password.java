package dev.coffer.api.generators.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Generates a random password from the rules in its spec (length, digits, symbols, ...). */
@Group(Generators.GROUP)
@Version(Generators.VERSION)
@Kind("Password")
@Plural("passwords")
@Singular("password")
public class Password extends CustomResource<PasswordSpec, GeneratorStatus> implements Namespaced {
}
