package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** A service-account token requested for a JWT login. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VaultKubernetesServiceAccountTokenAuth {

    @Required
    public ServiceAccountSelector serviceAccountRef;

    /** Audiences of the token; upstream defaults to ["vault"]. */
    public List<String> audiences;

    /** Lifetime of the token; upstream defaults to 600 seconds. */
    public Long expirationSeconds;
}
