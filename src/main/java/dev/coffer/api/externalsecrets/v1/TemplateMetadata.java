package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** Labels and annotations of the templated Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TemplateMetadata {

    public Map<String, String> labels;

    public Map<String, String> annotations;

    public List<String> finalizers;
}
