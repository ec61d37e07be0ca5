package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** Endpoints of a non-standard Azure cloud. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AzureCustomCloudConfig {

    /** The Entra ID authority host. */
    @Required
    public String activeDirectoryEndpoint;

    public String keyVaultDNSSuffix;

    public String keyVaultEndpoint;

    public String resourceManagerEndpoint;
}
