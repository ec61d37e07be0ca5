package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How the doppler provider authenticates: a service token from a Secret, or OIDC with a ServiceAccount token. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DopplerAuth {

    public DopplerAuthSecretRef secretRef;

    public DopplerOidcAuth oidcConfig;
}
