package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Doppler ({@code spec.provider.doppler}): one config of one project, read through Doppler's v3 API. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DopplerProvider {

    /** A service token or OIDC; exactly one. */
    @Required
    @ValidationRule(value = "(has(self.secretRef) && !has(self.oidcConfig)) || (!has(self.secretRef) && has(self.oidcConfig))",
            message = "Exactly one of 'secretRef' or 'oidcConfig' must be specified")
    public DopplerAuth auth;

    /** The Doppler project (a service token already names one). */
    public String project;

    /** The Doppler config (a service token already names one). */
    public String config;

    /** Renames every secret of a download to an environment-variable style ({@code dataFrom.find}). */
    public DopplerNameTransformer nameTransformer;

    /** Downloads the whole config as one file, the single key {@code DOPPLER_SECRETS_FILE}. */
    public DopplerFormat format;
}
