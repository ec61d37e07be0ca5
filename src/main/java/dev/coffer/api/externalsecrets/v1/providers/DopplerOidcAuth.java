package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** Doppler OIDC: a ServiceAccount token (TokenRequest) exchanged at {@code /v3/auth/oidc} for an API token. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DopplerOidcAuth {

    /** The Doppler service account identity configured for OIDC. */
    @Required
    public String identity;

    @Required
    public ServiceAccountSelector serviceAccountRef;

    /** Lifetime requested for the ServiceAccount token. */
    @Default("600")
    public Long expirationSeconds;
}
