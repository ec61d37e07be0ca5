package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;

/** Google Cloud Secret Manager ({@code spec.provider.gcpsm}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GcpSmProvider {

    /** How to authenticate; without it, application default credentials are used. */
    public GcpSmAuth auth;

    /** The project that holds the secrets. */
    public String projectID;

    /** A location for regional secrets (for example {@code europe-west1}); empty means global secrets. */
    public String location;

    /** Which version to read when {@code latest} is disabled or destroyed. */
    @Default("LatestOrFail")
    public GcpSecretVersionSelectionPolicy secretVersionSelectionPolicy;
}
