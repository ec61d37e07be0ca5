package dev.coffer.provider.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.api.externalsecrets.v1.providers.ServiceAccountSelector;
import dev.coffer.api.externalsecrets.v1.providers.VaultAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultCertAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultJwtAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultKubernetesAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultKubernetesServiceAccountTokenAuth;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.StoreContext;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.api.Auth;
import io.github.jopenlibs.vault.response.AuthResponse;
import io.github.jopenlibs.vault.response.LogicalResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the {@link VaultLogin} of a store's auth block; each method is a few lines over the driver. */
final class VaultLogins {

    /** Upstream's lifetime for service-account tokens requested for a login. */
    static final long SERVICE_ACCOUNT_TOKEN_SECONDS = 600;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VaultLogins() {
    }

    /** The login of {@code auth}, or null when the store uses a ready token (or none). */
    static VaultLogin of(VaultAuth auth, StoreContext store, Path ownServiceAccountToken) {
        if (auth == null || auth.tokenSecretRef != null) {
            return null;
        }
        if (auth.appRole != null) {
            var a = auth.appRole;
            return login("appRole auth at auth/" + a.path, (vault, ns) -> {
                String roleId = a.roleId != null && !a.roleId.isBlank() ? a.roleId.trim()
                        : store.secretString(a.roleRef, "spec.provider.vault.auth.appRole.roleRef");
                String secretId = store.secretString(a.secretRef, "spec.provider.vault.auth.appRole.secretRef");
                return token(auth(vault, ns).loginByAppRole(a.path, roleId, secretId));
            });
        }
        if (auth.kubernetes != null) {
            VaultKubernetesAuth k = auth.kubernetes;
            return login("kubernetes auth at auth/" + k.mountPath + " (role " + k.role + ")", (vault, ns) -> token(
                    auth(vault, ns).loginByKubernetes(k.role, kubernetesJwt(k, store, ownServiceAccountToken),
                            "auth/" + k.mountPath)));
        }
        if (auth.jwt != null) {
            VaultJwtAuth j = auth.jwt;
            return login("jwt auth at auth/" + j.path, (vault, ns) -> token(
                    auth(vault, ns).loginByJwt("jwt", j.role == null ? "" : j.role.trim(), jwt(j, store),
                            "auth/" + j.path)));
        }
        if (auth.userPass != null) {
            var u = auth.userPass;
            return login("userPass auth at auth/" + u.path + " (user " + u.username + ")", (vault, ns) -> token(
                    auth(vault, ns).loginByUserPass(u.username,
                            store.secretString(u.secretRef, "spec.provider.vault.auth.userPass.secretRef"), u.path)));
        }
        if (auth.ldap != null) {
            var l = auth.ldap;
            return login("ldap auth at auth/" + l.path + " (user " + l.username + ")", (vault, ns) -> token(
                    auth(vault, ns).loginByLDAP(l.username,
                            store.secretString(l.secretRef, "spec.provider.vault.auth.ldap.secretRef"), l.path)));
        }
        if (auth.cert != null) {
            VaultCertAuth c = auth.cert;
            String path = c.path == null || c.path.isEmpty() ? "cert" : c.path;
            return login("cert auth at auth/" + path, (vault, ns) -> certLogin(vault, ns, path, c.vaultRole));
        }
        throw ProviderException.invalidConfig("spec.provider.vault.auth sets no supported login method");
    }

    private static VaultLogin login(String describe, Body body) {
        return new VaultLogin() {
            @Override
            public Token login(Vault vault, String namespace) throws VaultException {
                return body.login(vault, namespace);
            }

            @Override
            public String describe() {
                return describe;
            }
        };
    }

    private interface Body {
        VaultLogin.Token login(Vault vault, String namespace) throws VaultException;
    }

    private static Auth auth(Vault vault, String namespace) {
        Auth auth = vault.auth();
        return namespace == null ? auth : auth.withNameSpace(namespace);
    }

    private static VaultLogin.Token token(AuthResponse r) throws VaultException {
        String token = r.getAuthClientToken();
        if (token == null || token.isEmpty()) {
            throw new VaultException("the login answer carries no client token", r.getRestResponse().getStatus());
        }
        return new VaultLogin.Token(token, r.getAuthLeaseDuration(), r.isAuthRenewable());
    }

    /** Cert login: the client certificate is in the TLS handshake; the driver's loginByCert cannot send a role name. */
    private static VaultLogin.Token certLogin(Vault vault, String namespace, String path, String role) throws VaultException {
        var logical = vault.logical();
        if (namespace != null) {
            logical = logical.withNameSpace(namespace);
        }
        Map<String, Object> body = role == null || role.isEmpty() ? Map.of() : Map.of("name", role);
        LogicalResponse r = logical.write("auth/" + path + "/login", body);
        int status = r.getRestResponse().getStatus();
        if (status != 200) {
            throw new VaultException("cert login answered HTTP " + status, status);
        }
        try {
            JsonNode auth = MAPPER.readTree(r.getRestResponse().getBody()).path("auth");
            String token = auth.path("client_token").asText("");
            if (token.isEmpty()) {
                throw new VaultException("the login answer carries no client token", status);
            }
            return new VaultLogin.Token(token, auth.path("lease_duration").asLong(0), auth.path("renewable").asBoolean(false));
        } catch (IOException e) {
            throw new VaultException("the login answer is not JSON", status);
        }
    }

    private static String kubernetesJwt(VaultKubernetesAuth k, StoreContext store, Path ownToken) {
        if (k.serviceAccountRef != null) {
            return serviceAccountToken(store, k.serviceAccountRef, List.of(), SERVICE_ACCOUNT_TOKEN_SECONDS,
                    "spec.provider.vault.auth.kubernetes.serviceAccountRef");
        }
        if (k.secretRef != null) {
            return store.secretString(withDefaultKey(k.secretRef, "token"), "spec.provider.vault.auth.kubernetes.secretRef");
        }
        try {
            return Files.readString(ownToken, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw ProviderException.invalidConfig("kubernetes auth without serviceAccountRef or secretRef uses Coffer's own"
                    + " service-account token, but " + ownToken + " cannot be read");
        }
    }

    private static String jwt(VaultJwtAuth j, StoreContext store) {
        if (j.secretRef != null) {
            return store.secretString(j.secretRef, "spec.provider.vault.auth.jwt.secretRef");
        }
        VaultKubernetesServiceAccountTokenAuth k = j.kubernetesServiceAccountToken;
        if (k == null) {
            throw ProviderException.invalidConfig("spec.provider.vault.auth.jwt needs secretRef or kubernetesServiceAccountToken");
        }
        List<String> audiences = k.audiences == null ? List.of("vault") : k.audiences;
        long seconds = k.expirationSeconds == null ? SERVICE_ACCOUNT_TOKEN_SECONDS : k.expirationSeconds;
        return serviceAccountToken(store, k.serviceAccountRef, audiences, seconds,
                "spec.provider.vault.auth.jwt.kubernetesServiceAccountToken.serviceAccountRef");
    }

    /** A TokenRequest token with the selector's audiences plus {@code extraAudiences}, as upstream. */
    private static String serviceAccountToken(StoreContext store, ServiceAccountSelector sa, List<String> extraAudiences,
                                              long seconds, String what) {
        List<String> audiences = new ArrayList<>(sa.audiences == null ? List.of() : sa.audiences);
        audiences.addAll(extraAudiences);
        String ns = store.namespaceOf(sa.namespace, what);
        try {
            return store.kube().serviceAccountToken(ns, sa.name, audiences, seconds);
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ProviderException.unavailable("cannot request a token for service account " + ns + "/" + sa.name
                    + " (" + what + ")", e);
        }
    }

    static SecretKeySelector withDefaultKey(SecretKeySelector ref, String key) {
        if (ref.key != null && !ref.key.isEmpty()) {
            return ref;
        }
        SecretKeySelector copy = new SecretKeySelector();
        copy.name = ref.name;
        copy.namespace = ref.namespace;
        copy.key = key;
        return copy;
    }
}
