package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import java.util.List;
import java.util.Map;

/** Shapes the target Secret with Go templates. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalSecretTemplate {

    public String type;

    @Default("v2")
    public TemplateEngineVersion engineVersion;

    public TemplateMetadata metadata;

    @Default("Replace")
    public TemplateMergePolicy mergePolicy;

    public Map<String, String> data;

    public List<TemplateFrom> templateFrom;
}
