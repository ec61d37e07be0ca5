package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.meta.v1.SecretKeySelector;
import io.fabric8.generator.annotation.Required;

/** Client certificate authentication: a PEM certificate and its PEM private key, both from Secrets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KubernetesCertAuth {

    @Required
    public SecretKeySelector clientCert;

    @Required
    public SecretKeySelector clientKey;
}
