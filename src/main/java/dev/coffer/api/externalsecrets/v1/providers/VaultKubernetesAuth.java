package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.meta.v1.SecretKeySelector;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/**
 * Kubernetes login with a service-account JWT: from the TokenRequest API (serviceAccountRef),
 * from a Secret (secretRef), or else Coffer's own mounted token.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VaultKubernetesAuth {

    @Required
    @Default("kubernetes")
    public String mountPath;

    public ServiceAccountSelector serviceAccountRef;

    public SecretKeySelector secretRef;

    @Required
    public String role;
}
