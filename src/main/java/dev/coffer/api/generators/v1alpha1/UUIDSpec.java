package dev.coffer.api.generators.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The UUID generator takes no parameters. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UUIDSpec {
}
