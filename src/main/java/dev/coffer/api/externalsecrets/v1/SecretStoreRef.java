package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Points an ExternalSecret at the store it reads from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretStoreRef {

    /** Name of the SecretStore or ClusterSecretStore. */
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @Size(min = 1, max = 253)
    public String name;

    /** SecretStore (default) or ClusterSecretStore. */
    public StoreKind kind;
}
