package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.Required;

/** One key of a ConfigMap. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GcpConfigMapKey {

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @Size(min = 1, max = 253)
    public String name;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @Size(min = 1, max = 63)
    public String namespace;

    @Required
    @Pattern("^[-._a-zA-Z0-9]+$")
    @Size(min = 1, max = 253)
    public String key;
}
