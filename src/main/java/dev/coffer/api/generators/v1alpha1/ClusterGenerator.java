package dev.coffer.api.generators.v1alpha1;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A generator any namespace can reference by name. It only locates the generator cluster-wide:
 * values are still produced for, and references resolved in, the ExternalSecret's namespace.
 */
@Group(Generators.GROUP)
@Version(Generators.VERSION)
@Kind("ClusterGenerator")
@Plural("clustergenerators")
@Singular("clustergenerator")
public class ClusterGenerator extends CustomResource<ClusterGeneratorSpec, GeneratorStatus> {
}
