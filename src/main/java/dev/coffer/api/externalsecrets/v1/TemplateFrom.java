package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;

/** A source of templates outside the ExternalSecret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TemplateFrom {

    public TemplateRef configMap;

    public TemplateRef secret;

    /** Data, Annotations or Labels. */
    @Default("Data")
    public String target;

    public String literal;

    public DecodingStrategy valuesDecodingStrategy;
}
