package dev.coffer.inject;

/**
 * One file a pod asked for with Coffer's own annotations, served from a SecretStore or
 * ClusterSecretStore by the operator.
 *
 * @param name      the {@code <name>} of {@code coffer.dev/inject-secret-<name>}
 * @param storeKind {@code SecretStore} (in the pod's namespace) or {@code ClusterSecretStore}
 * @param store     the store's name
 * @param key       the remote key, as an ExternalSecret's {@code remoteRef.key}
 * @param property  the remote property ({@code remoteRef.property}), or null
 * @param version   the remote version ({@code remoteRef.version}), or null
 * @param template  a Go template (ExternalSecret template rules), or null for the value itself
 * @param fileName  the file under the secrets volume (defaults to {@code name})
 * @param perms     the file mode as an octal string, or null for the default (0644)
 */
public record StoreFile(String name, String storeKind, String store, String key, String property, String version,
                        String template, String fileName, String perms) {

    /** The store as the audit trail and messages name it: {@code Kind/name}. */
    public String storePath() {
        return storeKind + "/" + store;
    }
}
