package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One key of a ConfigMap or Secret used as a template. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TemplateRefItem {

    @Required
    @Pattern("^[-._a-zA-Z0-9]+$")
    @Size(min = 1, max = 253)
    public String key;

    @Default("Values")
    public TemplateScope templateAs;
}
