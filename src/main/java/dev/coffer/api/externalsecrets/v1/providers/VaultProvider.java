package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/** Reads a HashiCorp Vault KV secrets engine (v1 or v2). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VaultProvider {

    /** How to log in; without it the client sends no token. */
    public VaultAuth auth;

    /** The Vault address, e.g. https://vault.example.com:8200. */
    @Required
    public String server;

    /** The mount path of the KV engine, e.g. "secret"; without it the first segment of each key is the mount. */
    public String path;

    @Default("v2")
    public VaultKVStoreVersion version;

    /** Vault Enterprise namespace for every request (X-Vault-Namespace). */
    public String namespace;

    /** Base64-encoded PEM CA bundle that signs the Vault server certificate. */
    public String caBundle;

    public CAProvider caProvider;

    /** Client certificate for mutual TLS with the Vault server. */
    public VaultClientTLS tls;

    /** Send the last seen X-Vault-Index so a read sees this client's earlier writes (Vault Enterprise). */
    public Boolean readYourWrites;

    /** Ask performance standbys to forward reads they are not yet consistent for (X-Vault-Inconsistent). */
    public Boolean forwardInconsistent;

    /** Extra HTTP headers sent with every request. */
    public Map<String, String> headers;

    /** Check-and-set for writes (PushSecret); read-only Coffer accepts and ignores it. */
    public VaultCheckAndSet checkAndSet;
}
