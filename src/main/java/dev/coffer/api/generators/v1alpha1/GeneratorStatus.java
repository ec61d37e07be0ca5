package dev.coffer.api.generators.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Generators report no status; the type exists so the CRDs serve the status subresource, as upstream's do. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GeneratorStatus {
}
