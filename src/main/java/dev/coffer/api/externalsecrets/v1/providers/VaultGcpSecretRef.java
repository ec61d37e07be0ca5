package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.meta.v1.SecretKeySelector;

/** A GCP service-account key for Vault GCP login. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VaultGcpSecretRef {

    public SecretKeySelector secretAccessKeySecretRef;
}
