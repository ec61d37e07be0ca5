package dev.coffer.api.sealedsecrets.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Nullable;

import java.util.Map;

/** The shape of the Secret written from a SealedSecret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretTemplateSpec {

    @Nullable
    @JsonPropertyDescription("Standard object's metadata.")
    private SealedSecretTemplateMetadata metadata;

    @JsonPropertyDescription("Used to facilitate programmatic handling of secret data.")
    private String type;

    @JsonPropertyDescription("Immutable, if set to true, ensures that data stored in the Secret cannot be updated.")
    private Boolean immutable;

    @Nullable
    @JsonPropertyDescription("Keys that should be templated using decrypted data.")
    private Map<String, String> data;

    public SealedSecretTemplateMetadata getMetadata() {
        return metadata;
    }

    public void setMetadata(SealedSecretTemplateMetadata metadata) {
        this.metadata = metadata;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public Boolean getImmutable() {
        return immutable;
    }

    public void setImmutable(Boolean immutable) {
        this.immutable = immutable;
    }

    public Map<String, String> getData() {
        return data;
    }

    public void setData(Map<String, String> data) {
        this.data = data;
    }
}
