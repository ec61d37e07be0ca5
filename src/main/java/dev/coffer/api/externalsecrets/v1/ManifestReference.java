package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A non-Secret target kind (accepted for compatibility; Coffer writes Secrets). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ManifestReference {

    @Required
    @Size(min = 1)
    public String apiVersion;

    @Required
    @Size(min = 1)
    public String kind;
}
