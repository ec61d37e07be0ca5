package dev.coffer.api.meta.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Points at one key of a Kubernetes Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeySelector {

    /** Name of the Secret. */
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @Size(min = 1, max = 253)
    public String name;

    /** Namespace of the Secret; only a ClusterSecretStore may name another namespace. */
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @Size(min = 1, max = 63)
    public String namespace;

    /** Key within the Secret. */
    @Pattern("^[-._a-zA-Z0-9]+$")
    @Size(min = 1, max = 253)
    public String key;
}
