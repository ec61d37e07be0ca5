package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.externalsecrets.v1.SecretKeySelector;

/** Client certificate authentication. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KubernetesCertAuth {

    public SecretKeySelector clientCert;

    public SecretKeySelector clientKey;
}
