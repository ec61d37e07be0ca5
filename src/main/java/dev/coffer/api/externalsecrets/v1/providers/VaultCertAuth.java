package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.meta.v1.SecretKeySelector;
import io.fabric8.generator.annotation.Default;

/** TLS certificate login: the client certificate and its key (secretRef) are presented in the handshake. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VaultCertAuth {

    public SecretKeySelector clientCert;

    /** The PEM private key of clientCert. */
    public SecretKeySelector secretRef;

    @Default("cert")
    public String path;

    /** The certificate role to log in against (sent as "name"). */
    public String vaultRole;
}
