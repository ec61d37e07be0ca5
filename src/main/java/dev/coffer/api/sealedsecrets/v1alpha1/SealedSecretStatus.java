package dev.coffer.api.sealedsecrets.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** The most recently observed status of a SealedSecret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SealedSecretStatus {

    @JsonPropertyDescription("ObservedGeneration reflects the generation most recently observed by the controller.")
    private Long observedGeneration;

    @JsonPropertyDescription("Represents the latest available observations of a sealed secret's current state.")
    private List<SealedSecretCondition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<SealedSecretCondition> getConditions() {
        return conditions;
    }

    public void setConditions(List<SealedSecretCondition> conditions) {
        this.conditions = conditions;
    }
}
