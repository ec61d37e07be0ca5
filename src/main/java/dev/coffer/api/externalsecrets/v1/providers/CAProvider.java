package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.Required;

/** A CA certificate held in a Secret or ConfigMap. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CAProvider {

    @Required
    public CAProviderType type;

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @Size(min = 1, max = 253)
    public String name;

    @Pattern("^[-._a-zA-Z0-9]+$")
    @Size(min = 1, max = 253)
    public String key;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @Size(min = 1, max = 63)
    public String namespace;
}
