package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.meta.v1.SecretKeySelector;

/** Static AWS credentials for Vault IAM login. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VaultAwsAuthSecretRef {

    public SecretKeySelector accessKeyIDSecretRef;

    public SecretKeySelector secretAccessKeySecretRef;

    public SecretKeySelector sessionTokenSecretRef;
}
