package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** A service account whose token (TokenRequest API) authenticates. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceAccountSelector {

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @Size(min = 1, max = 253)
    public String name;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @Size(min = 1, max = 63)
    public String namespace;

    public List<String> audiences;
}
