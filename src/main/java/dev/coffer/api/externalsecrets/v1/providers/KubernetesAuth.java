package dev.coffer.api.externalsecrets.v1.providers;

import dev.coffer.api.ExactlyOneField;
import com.fasterxml.jackson.annotation.JsonInclude;

/** How the kubernetes provider authenticates; exactly one is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ExactlyOneField
public class KubernetesAuth {

    public KubernetesCertAuth cert;

    public KubernetesTokenAuth token;

    public ServiceAccountSelector serviceAccount;
}
