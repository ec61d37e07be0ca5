package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A status condition, as Kubernetes conventions shape it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {

    @Required
    public String type;

    @Required
    public String status;

    public String reason;

    public String message;

    public String lastTransitionTime;
}
