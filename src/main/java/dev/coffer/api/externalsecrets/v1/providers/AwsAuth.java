package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How the aws provider authenticates; at most one is set, none means the SDK default chain. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AwsAuth {

    /** Static access keys from Kubernetes Secrets. */
    public AwsAuthSecretRef secretRef;

    /** A service-account token exchanged through AssumeRoleWithWebIdentity (IRSA). */
    public AwsJwtAuth jwt;
}
