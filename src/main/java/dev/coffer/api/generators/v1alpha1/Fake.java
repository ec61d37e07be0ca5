package dev.coffer.api.generators.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Hands back the values of its spec as they are; for tests and demos. */
@Group(Generators.GROUP)
@Version(Generators.VERSION)
@Kind("Fake")
@Plural("fakes")
@Singular("fake")
public class Fake extends CustomResource<FakeSpec, GeneratorStatus> implements Namespaced {
}
