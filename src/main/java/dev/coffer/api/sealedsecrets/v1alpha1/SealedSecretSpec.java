package dev.coffer.api.sealedsecrets.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Required;

import java.util.LinkedHashMap;
import java.util.Map;

/** The sealed values and the shape of the Secret to write. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SealedSecretSpec {

    @JsonPropertyDescription("Template defines the structure of the Secret that will be created from this sealed secret.")
    private SecretTemplateSpec template;

    @JsonPropertyDescription("Data is deprecated and will be removed eventually. Use per-value EncryptedData instead.")
    private String data;

    @Required
    @PreserveUnknownFields
    private Map<String, String> encryptedData = new LinkedHashMap<>();

    public SecretTemplateSpec getTemplate() {
        return template;
    }

    public void setTemplate(SecretTemplateSpec template) {
        this.template = template;
    }

    public String getData() {
        return data;
    }

    public void setData(String data) {
        this.data = data;
    }

    public Map<String, String> getEncryptedData() {
        return encryptedData;
    }

    public void setEncryptedData(Map<String, String> encryptedData) {
        this.encryptedData = encryptedData;
    }
}
