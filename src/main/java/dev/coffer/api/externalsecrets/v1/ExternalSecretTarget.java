package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** The Secret an ExternalSecret writes, and how. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalSecretTarget {

    /** Name of the Secret; defaults to the ExternalSecret name. */
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @Size(min = 1, max = 253)
    public String name;

    @Default("Owner")
    public CreationPolicy creationPolicy;

    @Default("Retain")
    public DeletionPolicy deletionPolicy;

    public ExternalSecretTemplate template;

    public Boolean immutable;

    public ManifestReference manifest;
}
