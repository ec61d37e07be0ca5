package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A namespace a cluster-wide resource could not provision, with why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NamespaceFailure {

    @Required
    public String namespace;

    public String reason;

    public NamespaceFailure() {
    }

    public NamespaceFailure(String namespace, String reason) {
        this.namespace = namespace;
        this.reason = reason;
    }
}
