package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Points at a generator that produces values instead of a store. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GeneratorRef {

    @Default("generators.external-secrets.io/v1alpha1")
    public String apiVersion;

    @Required
    public GeneratorKind kind;

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @Size(min = 1, max = 253)
    public String name;
}
