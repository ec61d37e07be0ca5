package dev.coffer.inject;

/**
 * How the Vault agent's TLS to Vault differs from the JVM's defaults, from the Vault injector's
 * annotations.
 *
 * @param skipVerify {@code tls-skip-verify}: no certificate check at all (tests and labs only)
 * @param caCert     {@code ca-cert}: the path, in the agent container, of a PEM CA bundle to trust
 * @param serverName {@code tls-server-name}: the name the server certificate must carry, instead of the address's host
 * @param secretName {@code tls-secret}: a Secret mounted at {@code /vault/tls} in the agent containers (holding the CA)
 */
public record AgentTlsSettings(boolean skipVerify, String caCert, String serverName, String secretName) {

    public static final AgentTlsSettings NONE = new AgentTlsSettings(false, null, null, null);
    /** Where {@code tls-secret} is mounted, as the Vault injector mounts it. */
    public static final String SECRET_MOUNT = "/vault/tls";

    public boolean usesJvmDefaults() {
        return !skipVerify && caCert == null && serverName == null;
    }
}
