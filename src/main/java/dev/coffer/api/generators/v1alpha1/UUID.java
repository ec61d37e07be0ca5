package dev.coffer.api.generators.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Generates a random UUID (output key {@code uuid}). */
@Group(Generators.GROUP)
@Version(Generators.VERSION)
@Kind("UUID")
@Plural("uuids")
@Singular("uuid")
public class UUID extends CustomResource<UUIDSpec, GeneratorStatus> implements Namespaced {
}
