package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;

/** AWS web identity (IRSA) for Vault IAM login. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VaultAwsJwtAuth {

    public ServiceAccountSelector serviceAccountRef;
}
