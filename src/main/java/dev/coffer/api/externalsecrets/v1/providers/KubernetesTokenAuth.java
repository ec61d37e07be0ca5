package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.meta.v1.SecretKeySelector;
import io.fabric8.generator.annotation.Required;

/** Bearer token authentication. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KubernetesTokenAuth {

    @Required
    public SecretKeySelector bearerToken;
}
