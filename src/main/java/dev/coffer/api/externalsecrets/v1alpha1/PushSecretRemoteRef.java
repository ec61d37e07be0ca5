package dev.coffer.api.externalsecrets.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** The remote secret (and optionally one property of it) a value is pushed to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PushSecretRemoteRef {

    @Required
    public String remoteKey;

    public String property;
}
