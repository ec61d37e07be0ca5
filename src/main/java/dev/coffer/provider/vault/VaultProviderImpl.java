package dev.coffer.provider.vault;

import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.api.externalsecrets.v1.providers.CAProvider;
import dev.coffer.api.externalsecrets.v1.providers.CAProviderType;
import dev.coffer.api.externalsecrets.v1.providers.VaultKVStoreVersion;
import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.provider.Provider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/** The {@code vault} provider: HashiCorp Vault KV v1/v2 with token reuse across reconciles. */
public final class VaultProviderImpl implements Provider {

    /** Where Kubernetes mounts Coffer's own service-account token (kubernetes auth without a reference). */
    public static final Path IN_CLUSTER_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    private final Clock clock;
    private final Path ownServiceAccountToken;
    private final SSLContext tlsOverride;

    public VaultProviderImpl() {
        this(Clock.systemUTC(), IN_CLUSTER_TOKEN);
    }

    /** For tests: a controllable clock (token renewal timing) and service-account token file. */
    public VaultProviderImpl(Clock clock, Path ownServiceAccountToken) {
        this(clock, ownServiceAccountToken, null);
    }

    /**
     * With a TLS context of the caller's in place of the one the store's spec describes: the
     * injected agent's, built from the pod's {@code vault.hashicorp.com/tls-*} annotations,
     * which a store spec cannot express (a server name, skipping verification).
     */
    public VaultProviderImpl(Clock clock, Path ownServiceAccountToken, SSLContext tlsOverride) {
        this.clock = clock;
        this.ownServiceAccountToken = ownServiceAccountToken;
        this.tlsOverride = tlsOverride;
    }

    @Override
    public String name() {
        return "vault";
    }

    @Override
    public void validate(StoreContext store) {
        VaultStoreValidator.validate(store);
    }

    @Override
    public List<SecretKeySelector> credentialRefs(StoreContext store) {
        return VaultStoreValidator.credentialRefs(store.spec().provider.vault);
    }

    /** A service account named without a namespace (kubernetes or jwt auth) is the consumer's. */
    @Override
    public boolean clientPerConsumerNamespace(StoreContext store) {
        var auth = store.spec().provider.vault.auth;
        if (auth == null) {
            return false;
        }
        var k8s = auth.kubernetes == null ? null : auth.kubernetes.serviceAccountRef;
        var jwt = auth.jwt == null || auth.jwt.kubernetesServiceAccountToken == null ? null
                : auth.jwt.kubernetesServiceAccountToken.serviceAccountRef;
        return namespaceLess(k8s) || namespaceLess(jwt);
    }

    private static boolean namespaceLess(dev.coffer.api.externalsecrets.v1.providers.ServiceAccountSelector sa) {
        return sa != null && (sa.namespace == null || sa.namespace.isEmpty());
    }

    @Override
    public SecretsClient newClient(StoreContext store) {
        validate(store);
        VaultProvider v = store.spec().provider.vault;
        VaultTransport transport = new VaultTransport(v.server.trim(), v.namespace,
                v.auth == null ? null : v.auth.namespace, tlsOverride != null ? tlsOverride : tls(store, v), v.headers,
                Boolean.TRUE.equals(v.forwardInconsistent), Boolean.TRUE.equals(v.readYourWrites));
        Supplier<String> userToken = v.auth == null || v.auth.tokenSecretRef == null ? () -> null
                : () -> store.secretString(v.auth.tokenSecretRef, "spec.provider.vault.auth.tokenSecretRef");
        VaultTokenManager tokens = new VaultTokenManager(transport,
                VaultLogins.of(v.auth, store, ownServiceAccountToken), userToken, clock);
        VaultPaths paths = new VaultPaths(v.path, v.version != VaultKVStoreVersion.v1);
        VaultKv kv = new VaultKv(tokens, paths, new VaultErrors(transport.server()));
        VaultDynamic logical = new VaultDynamic(transport, tokens);
        return new VaultSecretsClient(kv, tokens, logical, new VaultKvPusher(kv, paths, logical));
    }

    /** The TLS context, or null when the JVM defaults do (no CA and no client certificate configured). */
    private static SSLContext tls(StoreContext store, VaultProvider v) {
        String ca = caPem(store, v);
        String cert = null;
        String key = null;
        String what = null;
        if (v.auth != null && v.auth.cert != null) {
            // cert auth presents its certificate in the handshake; it wins over tls.*, as upstream
            cert = store.secretString(v.auth.cert.clientCert, "spec.provider.vault.auth.cert.clientCert");
            key = store.secretString(v.auth.cert.secretRef, "spec.provider.vault.auth.cert.secretRef");
            what = "spec.provider.vault.auth.cert";
        } else if (v.tls != null && v.tls.certSecretRef != null) {
            cert = store.secretString(v.tls.certSecretRef, "spec.provider.vault.tls.certSecretRef");
            key = store.secretString(v.tls.keySecretRef, "spec.provider.vault.tls.keySecretRef");
            what = "spec.provider.vault.tls";
        }
        return ca == null && cert == null ? null : VaultTls.context(ca, cert, key, what);
    }

    private static String caPem(StoreContext store, VaultProvider v) {
        if (v.caBundle != null && !v.caBundle.isBlank()) {
            try {
                return new String(Base64.getMimeDecoder().decode(v.caBundle.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ProviderException.invalidConfig("spec.provider.vault.caBundle is not base64");
            }
        }
        CAProvider p = v.caProvider;
        if (p == null) {
            return null;
        }
        String what = "spec.provider.vault.caProvider";
        if (p.type == CAProviderType.ConfigMap) {
            return store.configMapValue(p.namespace, p.name, p.key, what);
        }
        SecretKeySelector ref = new SecretKeySelector();
        ref.name = p.name;
        ref.namespace = p.namespace;
        ref.key = p.key;
        return new String(store.secretValue(ref, what), StandardCharsets.UTF_8);
    }
}
