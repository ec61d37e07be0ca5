package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** Renames keys with a template; .value is the key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RewriteTransform {

    @Required
    public String template;
}
