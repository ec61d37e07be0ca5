package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Maps one remote value to one Secret key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalSecretData {

    /** The key of the target Secret. */
    @Required
    @Pattern("^[-._a-zA-Z0-9]+$")
    @Size(min = 1, max = 253)
    public String secretKey;

    @Required
    public ExternalSecretDataRemoteRef remoteRef;

    public StoreSourceRef sourceRef;
}
