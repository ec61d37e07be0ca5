package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.meta.v1.SecretKeySelector;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** JWT/OIDC login with a JWT from a Secret or a service-account token from the TokenRequest API. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VaultJwtAuth {

    @Required
    @Default("jwt")
    public String path;

    public String role;

    public SecretKeySelector secretRef;

    public VaultKubernetesServiceAccountTokenAuth kubernetesServiceAccountToken;
}
