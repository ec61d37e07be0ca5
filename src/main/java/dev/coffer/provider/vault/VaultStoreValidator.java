package dev.coffer.provider.vault;

import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.api.externalsecrets.v1.providers.CAProviderType;
import dev.coffer.api.externalsecrets.v1.providers.VaultAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.StoreContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Static checks of a vault block (no I/O), each failing with the field it is about. */
final class VaultStoreValidator {

    private static final String P = "spec.provider.vault.";
    /** Headers the JDK HTTP client does not let callers set. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private VaultStoreValidator() {
    }

    static void validate(StoreContext store) {
        VaultProvider v = store.spec().provider.vault;
        checkServer(v.server);
        if (v.headers != null) {
            v.headers.keySet().forEach(h -> {
                if (h == null || h.isBlank() || RESTRICTED_HEADERS.contains(h.toLowerCase(Locale.ROOT))) {
                    throw ProviderException.invalidConfig(P + "headers: header \"" + h + "\" cannot be set");
                }
            });
        }
        if (v.caProvider != null) {
            require(v.caProvider.name, P + "caProvider.name");
            require(v.caProvider.key, P + "caProvider.key");
            require(v.caProvider.type == null ? null : v.caProvider.type.name(), P + "caProvider.type");
            store.namespaceOf(v.caProvider.namespace, P + "caProvider");
        }
        if (v.tls != null && (v.tls.certSecretRef == null) != (v.tls.keySecretRef == null)) {
            throw ProviderException.invalidConfig(P + "tls needs both certSecretRef and keySecretRef");
        }
        if (v.auth != null) {
            checkAuth(v.auth);
        }
        for (SecretKeySelector ref : credentialRefs(v)) {
            store.namespaceOf(ref.namespace, P + "auth: Secret " + ref.name);
            require(ref.name, P + "a Secret reference's name");
            require(ref.key, P + "the key of Secret reference \"" + ref.name + "\"");
        }
    }

    /** Every Secret key the block reads, with upstream's default keys filled in. */
    static List<SecretKeySelector> credentialRefs(VaultProvider v) {
        List<SecretKeySelector> refs = new ArrayList<>();
        VaultAuth a = v.auth;
        if (a != null) {
            add(refs, a.tokenSecretRef);
            if (a.appRole != null) {
                if (a.appRole.roleId == null || a.appRole.roleId.isBlank()) {
                    add(refs, a.appRole.roleRef);
                }
                add(refs, a.appRole.secretRef);
            }
            if (a.kubernetes != null && a.kubernetes.secretRef != null) {
                add(refs, VaultLogins.withDefaultKey(a.kubernetes.secretRef, "token"));
            }
            if (a.ldap != null) {
                add(refs, a.ldap.secretRef);
            }
            if (a.userPass != null) {
                add(refs, a.userPass.secretRef);
            }
            if (a.jwt != null) {
                add(refs, a.jwt.secretRef);
            }
            if (a.cert != null) {
                add(refs, a.cert.clientCert);
                add(refs, a.cert.secretRef);
            }
        }
        if (v.tls != null) {
            add(refs, v.tls.certSecretRef);
            add(refs, v.tls.keySecretRef);
        }
        if (v.caProvider != null && v.caProvider.type == CAProviderType.Secret) {
            SecretKeySelector ca = new SecretKeySelector();
            ca.name = v.caProvider.name;
            ca.namespace = v.caProvider.namespace;
            ca.key = v.caProvider.key;
            refs.add(ca);
        }
        return refs;
    }

    private static void checkServer(String server) {
        require(server, P + "server");
        URI uri;
        try {
            uri = URI.create(server.trim());
        } catch (IllegalArgumentException e) {
            throw ProviderException.invalidConfig(P + "server \"" + server + "\" is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw ProviderException.invalidConfig(P + "server \"" + server + "\" must be an http:// or https:// URL");
        }
    }

    private static void checkAuth(VaultAuth a) {
        List<String> set = new ArrayList<>();
        addIf(set, a.tokenSecretRef, "tokenSecretRef");
        addIf(set, a.appRole, "appRole");
        addIf(set, a.kubernetes, "kubernetes");
        addIf(set, a.ldap, "ldap");
        addIf(set, a.jwt, "jwt");
        addIf(set, a.cert, "cert");
        addIf(set, a.iam, "iam");
        addIf(set, a.gcp, "gcp");
        addIf(set, a.userPass, "userPass");
        if (set.size() > 1) {
            throw ProviderException.invalidConfig(P + "auth must set one method, found " + set);
        }
        if (a.iam != null || a.gcp != null) {
            throw ProviderException.invalidConfig(P + "auth." + set.get(0) + " is not supported yet by Coffer;"
                    + " use tokenSecretRef, appRole, kubernetes, jwt, cert, userPass or ldap");
        }
        if (a.appRole != null) {
            require(a.appRole.path, P + "auth.appRole.path");
            if ((a.appRole.roleId == null || a.appRole.roleId.isBlank()) && a.appRole.roleRef == null) {
                throw ProviderException.invalidConfig(P + "auth.appRole needs roleId or roleRef");
            }
            requireRef(a.appRole.secretRef, P + "auth.appRole.secretRef");
        }
        if (a.kubernetes != null) {
            require(a.kubernetes.mountPath, P + "auth.kubernetes.mountPath");
            require(a.kubernetes.role, P + "auth.kubernetes.role");
            if (a.kubernetes.serviceAccountRef != null) {
                require(a.kubernetes.serviceAccountRef.name, P + "auth.kubernetes.serviceAccountRef.name");
            }
        }
        if (a.ldap != null) {
            require(a.ldap.path, P + "auth.ldap.path");
            require(a.ldap.username, P + "auth.ldap.username");
            requireRef(a.ldap.secretRef, P + "auth.ldap.secretRef");
        }
        if (a.userPass != null) {
            require(a.userPass.path, P + "auth.userPass.path");
            require(a.userPass.username, P + "auth.userPass.username");
            requireRef(a.userPass.secretRef, P + "auth.userPass.secretRef");
        }
        if (a.jwt != null) {
            require(a.jwt.path, P + "auth.jwt.path");
            if (a.jwt.secretRef == null && a.jwt.kubernetesServiceAccountToken == null) {
                throw ProviderException.invalidConfig(P + "auth.jwt needs secretRef or kubernetesServiceAccountToken");
            }
            if (a.jwt.secretRef == null && (a.jwt.kubernetesServiceAccountToken.serviceAccountRef == null
                    || a.jwt.kubernetesServiceAccountToken.serviceAccountRef.name == null)) {
                throw ProviderException.invalidConfig(P + "auth.jwt.kubernetesServiceAccountToken.serviceAccountRef.name is required");
            }
        }
        if (a.cert != null) {
            requireRef(a.cert.clientCert, P + "auth.cert.clientCert");
            requireRef(a.cert.secretRef, P + "auth.cert.secretRef");
        }
    }

    private static void requireRef(SecretKeySelector ref, String what) {
        if (ref == null) {
            throw ProviderException.invalidConfig(what + " is required");
        }
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw ProviderException.invalidConfig(what + " is required");
        }
    }

    private static void add(List<SecretKeySelector> refs, SecretKeySelector ref) {
        if (ref != null) {
            refs.add(ref);
        }
    }

    private static void addIf(List<String> set, Object block, String name) {
        if (block != null) {
            set.add(name);
        }
    }
}
