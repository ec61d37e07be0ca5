package dev.coffer.provider.kubernetes;

import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.api.externalsecrets.v1.providers.CAProvider;
import dev.coffer.api.externalsecrets.v1.providers.CAProviderType;
import dev.coffer.api.externalsecrets.v1.providers.KubernetesAuth;
import dev.coffer.api.externalsecrets.v1.providers.KubernetesProvider;
import dev.coffer.api.externalsecrets.v1.providers.KubernetesServer;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.StoreContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Static checks of a {@code kubernetes} block (no I/O), and the list of Secret keys it reads.
 * Messages name the field at fault, as a user would write it in the store.
 */
final class KubernetesBlockCheck {

    static final String PATH = "spec.provider.kubernetes";

    private KubernetesBlockCheck() {
    }

    static void validate(StoreContext store) {
        KubernetesProvider block = store.spec().provider.kubernetes;
        List<String> methods = authMethods(block);
        if (methods.size() != 1) {
            throw ProviderException.invalidConfig(PATH + ": set exactly one of auth.token, auth.cert, "
                    + "auth.serviceAccount or authRef" + (methods.isEmpty() ? ", found none" : ", found " + methods));
        }
        KubernetesAuth auth = block.auth;
        if (block.authRef != null) {
            checkKeyRef(store, block.authRef, PATH + ".authRef");
        } else if (auth.token != null) {
            checkKeyRef(store, auth.token.bearerToken, PATH + ".auth.token.bearerToken");
        } else if (auth.cert != null) {
            checkKeyRef(store, auth.cert.clientCert, PATH + ".auth.cert.clientCert");
            checkKeyRef(store, auth.cert.clientKey, PATH + ".auth.cert.clientKey");
        } else {
            if (isBlank(auth.serviceAccount.name)) {
                throw ProviderException.invalidConfig(PATH + ".auth.serviceAccount.name is required");
            }
            store.namespaceOf(auth.serviceAccount.namespace, PATH + ".auth.serviceAccount");
        }
        if (block.authRef == null) {
            checkServer(store, block.server);
        }
    }

    /** The Secret keys holding credentials (and a CA kept in a Secret), for the client cache key. */
    static List<SecretKeySelector> credentialRefs(StoreContext store) {
        validate(store);
        KubernetesProvider block = store.spec().provider.kubernetes;
        List<SecretKeySelector> refs = new ArrayList<>();
        if (block.authRef != null) {
            refs.add(block.authRef);
            return refs;
        }
        if (block.auth.token != null) {
            refs.add(block.auth.token.bearerToken);
        } else if (block.auth.cert != null) {
            refs.add(block.auth.cert.clientCert);
            refs.add(block.auth.cert.clientKey);
        }
        CAProvider ca = block.server == null ? null : block.server.caProvider;
        if (ca != null && ca.type == CAProviderType.Secret && isBlank(block.server.caBundle)) {
            refs.add(caSecretRef(ca));
        }
        return refs;
    }

    /** A CA kept in a Secret, as a Secret key reference. */
    static SecretKeySelector caSecretRef(CAProvider ca) {
        SecretKeySelector ref = new SecretKeySelector();
        ref.name = ca.name;
        ref.namespace = ca.namespace;
        ref.key = ca.key;
        return ref;
    }

    private static List<String> authMethods(KubernetesProvider block) {
        List<String> set = new ArrayList<>();
        if (block.auth != null) {
            if (block.auth.token != null) {
                set.add("auth.token");
            }
            if (block.auth.cert != null) {
                set.add("auth.cert");
            }
            if (block.auth.serviceAccount != null) {
                set.add("auth.serviceAccount");
            }
        }
        if (block.authRef != null) {
            set.add("authRef");
        }
        return set;
    }

    private static void checkKeyRef(StoreContext store, SecretKeySelector ref, String what) {
        if (ref == null || isBlank(ref.name)) {
            throw ProviderException.invalidConfig(what + ".name is required");
        }
        if (isBlank(ref.key)) {
            throw ProviderException.invalidConfig(what + ".key is required");
        }
        store.namespaceOf(ref.namespace, what);
    }

    private static void checkServer(StoreContext store, KubernetesServer server) {
        if (server == null) {
            return;
        }
        if (!ClusterConnection.isInClusterDefault(server.url)) {
            checkUrl(server.url);
        }
        if (!isBlank(server.caBundle)) {
            checkCaBundle(server.caBundle);
        } else if (server.caProvider != null) {
            checkCaProvider(store, server.caProvider);
        }
    }

    private static void checkUrl(String url) {
        try {
            URI uri = new URI(ClusterConnection.withScheme(url));
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new URISyntaxException(url, "not an http(s) URL with a host");
            }
        } catch (URISyntaxException e) {
            throw ProviderException.invalidConfig(PATH + ".server.url \"" + url + "\" is not a valid http(s) URL");
        }
    }

    private static void checkCaBundle(String caBundle) {
        String pem;
        try {
            pem = new String(Base64.getMimeDecoder().decode(caBundle), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProviderException.invalidConfig(PATH + ".server.caBundle is not valid base64");
        }
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw ProviderException.invalidConfig(PATH + ".server.caBundle must be a base64-encoded PEM certificate bundle");
        }
    }

    private static void checkCaProvider(StoreContext store, CAProvider ca) {
        String what = PATH + ".server.caProvider";
        if (ca.type == null) {
            throw ProviderException.invalidConfig(what + ".type is required (Secret or ConfigMap)");
        }
        if (isBlank(ca.name)) {
            throw ProviderException.invalidConfig(what + ".name is required");
        }
        if (isBlank(ca.key)) {
            throw ProviderException.invalidConfig(what + ".key is required");
        }
        // As upstream: a cluster store has no namespace of its own to default to.
        if (store.identity().isCluster() && isBlank(ca.namespace)) {
            throw ProviderException.invalidConfig(what + ".namespace is required in a ClusterSecretStore");
        }
        store.namespaceOf(ca.namespace, what);
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
