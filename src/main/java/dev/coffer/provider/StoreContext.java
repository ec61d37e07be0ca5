package dev.coffer.provider;

import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A store as a provider sees it: who it is, its spec, the namespace its references resolve in,
 * and read access to the credential objects it points at.
 *
 * @param consumerNamespace for a ClusterSecretStore, the namespace of the ExternalSecret being
 *                          served; references without a namespace resolve there (as upstream).
 *                          For a SecretStore, the store's own namespace.
 */
public record StoreContext(StoreIdentity identity, long generation, SecretStoreSpec spec,
                           String consumerNamespace, KubeAccess kube) {

    /** The namespace a reference resolves in, enforcing that only cluster stores cross namespaces. */
    public String namespaceOf(String requested, String what) {
        if (requested == null || requested.isEmpty()) {
            return identity.isCluster() ? consumerNamespace : identity.namespace();
        }
        if (!identity.isCluster() && !requested.equals(identity.namespace())) {
            throw ProviderException.invalidConfig(what + " names namespace \"" + requested
                    + "\": a SecretStore may only reference Secrets in its own namespace");
        }
        return requested;
    }

    /** The value of one key of a referenced Secret; a clear INVALID_CONFIG error if absent. */
    public byte[] secretValue(SecretKeySelector ref, String what) {
        if (ref == null || ref.name == null || ref.name.isEmpty()) {
            throw ProviderException.invalidConfig(what + ": a Secret name is required");
        }
        if (ref.key == null || ref.key.isEmpty()) {
            throw ProviderException.invalidConfig(what + ": a key is required in Secret \"" + ref.name + "\"");
        }
        String ns = namespaceOf(ref.namespace, what);
        Secret secret = kube.secret(ns, ref.name).orElseThrow(() -> ProviderException.invalidConfig(
                what + ": Secret " + ns + "/" + ref.name + " not found"));
        String b64 = secret.getData() == null ? null : secret.getData().get(ref.key);
        if (b64 == null && secret.getStringData() != null && secret.getStringData().containsKey(ref.key)) {
            return secret.getStringData().get(ref.key).getBytes(StandardCharsets.UTF_8);
        }
        if (b64 == null) {
            throw ProviderException.invalidConfig(what + ": key \"" + ref.key + "\" not found in Secret "
                    + ns + "/" + ref.name);
        }
        return Base64.getDecoder().decode(b64);
    }

    /** A referenced Secret value as a trimmed UTF-8 string (tokens, ids). */
    public String secretString(SecretKeySelector ref, String what) {
        return new String(secretValue(ref, what), StandardCharsets.UTF_8).trim();
    }

    /** The value of one key of a ConfigMap (CA bundles). */
    public String configMapValue(String namespace, String name, String key, String what) {
        String ns = namespaceOf(namespace, what);
        ConfigMap cm = kube.configMap(ns, name).orElseThrow(() -> ProviderException.invalidConfig(
                what + ": ConfigMap " + ns + "/" + name + " not found"));
        String value = cm.getData() == null ? null : cm.getData().get(key);
        if (value == null) {
            throw ProviderException.invalidConfig(what + ": key \"" + key + "\" not found in ConfigMap " + ns + "/" + name);
        }
        return value;
    }
}
