package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.meta.v1.SecretKeySelector;

/** Static AWS credentials held in Kubernetes Secrets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AwsAuthSecretRef {

    public SecretKeySelector accessKeyIDSecretRef;

    public SecretKeySelector secretAccessKeySecretRef;

    /** Optional, for temporary credentials. */
    public SecretKeySelector sessionTokenSecretRef;
}
