package dev.coffer.api.sealedsecrets.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

import java.util.Objects;

/** One observation of a SealedSecret's state; Coffer writes a single condition of type {@code Synced}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SealedSecretCondition {

    @Required
    @JsonPropertyDescription("Type of condition for a sealed secret. Valid value: \"Synced\"")
    private String type;

    @Required
    @JsonPropertyDescription("Status of the condition: \"True\", \"False\", or \"Unknown\".")
    private String status;

    @JsonPropertyDescription("The last time this condition was updated.")
    private String lastUpdateTime;

    @JsonPropertyDescription("Last time the condition transitioned from one status to another.")
    private String lastTransitionTime;

    @JsonPropertyDescription("The reason for the condition's last transition.")
    private String reason;

    @JsonPropertyDescription("A human readable message indicating details about the transition.")
    private String message;

    public SealedSecretCondition() {
    }

    public SealedSecretCondition(String type, String status, String reason, String message) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getLastUpdateTime() {
        return lastUpdateTime;
    }

    public void setLastUpdateTime(String lastUpdateTime) {
        this.lastUpdateTime = lastUpdateTime;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    /** Same type, status, reason and message: the timestamps aside, nothing to report. */
    public boolean sameStateAs(SealedSecretCondition other) {
        return other != null && Objects.equals(type, other.type) && Objects.equals(status, other.status)
                && Objects.equals(reason, other.reason) && Objects.equals(message, other.message);
    }
}
