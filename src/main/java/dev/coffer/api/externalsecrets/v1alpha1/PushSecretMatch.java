package dev.coffer.api.externalsecrets.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A Secret key (or, left out, the whole Secret) and the remote place it goes to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PushSecretMatch {

    public String secretKey;

    @Required
    public PushSecretRemoteRef remoteRef;
}
