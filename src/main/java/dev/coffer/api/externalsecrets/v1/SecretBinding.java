package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;

/** Names the Secret an ExternalSecret wrote. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretBinding {

    @Default("")
    public String name;
}
