package dev.coffer.api.generators.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** The kind of the wrapped generator and its spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterGeneratorSpec {

    @Required
    public ClusterGeneratorKind kind;

    @Required
    public GeneratorSpec generator;
}
