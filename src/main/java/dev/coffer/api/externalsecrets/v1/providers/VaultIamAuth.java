package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** AWS IAM login. Accepted in the schema; Coffer does not support it yet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VaultIamAuth {

    public String path;

    public String region;

    public String role;

    public String externalID;

    public String vaultAwsIamServerID;

    public VaultAwsAuthSecretRef secretRef;

    public VaultAwsJwtAuth jwt;

    @Required
    public String vaultRole;
}
