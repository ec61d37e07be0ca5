package dev.coffer.api.sealedsecrets.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metadata of the Secret to write. Fields beyond the declared ones are kept as they came
 * ({@code x-kubernetes-preserve-unknown-fields}, as upstream).
 */
@PreserveUnknownFields
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SealedSecretTemplateMetadata {

    private String name;
    private String namespace;
    private Map<String, String> labels;
    private Map<String, String> annotations;
    private List<String> finalizers;
    @JsonIgnore
    private final Map<String, Object> otherFields = new LinkedHashMap<>();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public List<String> getFinalizers() {
        return finalizers;
    }

    public void setFinalizers(List<String> finalizers) {
        this.finalizers = finalizers;
    }

    @JsonAnyGetter
    public Map<String, Object> getOtherFields() {
        return otherFields;
    }

    @JsonAnySetter
    public void setOtherField(String key, Object value) {
        otherFields.put(key, value);
    }
}
