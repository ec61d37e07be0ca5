package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.meta.v1.SecretKeySelector;

/** A PEM client certificate and key, for Vault servers that require mutual TLS. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VaultClientTLS {

    /** The PEM certificate (chain); the Secret's tls.crt key by convention. */
    public SecretKeySelector certSecretRef;

    /** The PEM private key; the Secret's tls.key key by convention. */
    public SecretKeySelector keySecretRef;
}
