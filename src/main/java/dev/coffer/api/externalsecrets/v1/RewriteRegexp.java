package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** Renames keys by regular expression replacement. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RewriteRegexp {

    @Required
    public String source;

    @Required
    public String target;
}
