package dev.coffer.provider.kubernetes;

import dev.coffer.api.externalsecrets.v1.providers.CAProvider;
import dev.coffer.api.externalsecrets.v1.providers.CAProviderType;
import dev.coffer.api.externalsecrets.v1.providers.KubernetesAuth;
import dev.coffer.api.externalsecrets.v1.providers.KubernetesProvider;
import dev.coffer.api.externalsecrets.v1.providers.KubernetesServer;
import dev.coffer.api.externalsecrets.v1.providers.ServiceAccountSelector;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.StoreContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * Turns a {@code kubernetes} block into a fabric8 client {@link Config}: which API server, which
 * CA, which credentials.
 *
 * <p>The builder starts from {@link Config#empty()} with auto-configuration off, so nothing comes
 * from the operator's own kubeconfig, environment, system properties or service-account mount:
 * a store only ever authenticates with what it names.
 *
 * <p>The server defaults to the API server Coffer itself talks to ({@link
 * dev.coffer.provider.KubeAccess#apiServerUrl()}) when {@code server.url} is absent or the
 * schema default {@code kubernetes.default}: the in-cluster default, which in the embedded mode is
 * the in-process API. As upstream, no CA given means the JVM's trust store; on a real cluster set
 * {@code server.caProvider} to the {@code kube-root-ca.crt} ConfigMap, key {@code ca.crt}.
 */
final class ClusterConnection {

    static final String IN_CLUSTER_DEFAULT = "kubernetes.default";

    /** The settings a client is built from; {@code tokens} is set for service-account auth. */
    record Settings(Config config, String serverUrl, ServiceAccountTokenSource tokens) {
    }

    private ClusterConnection() {
    }

    static Settings settings(StoreContext store, Clock clock) {
        KubernetesProvider block = store.spec().provider.kubernetes;
        ConfigBuilder builder = new ConfigBuilder(Config.empty())
                .withAutoConfigure(false)
                .withConnectionTimeout(10_000)
                .withRequestTimeout(30_000)
                // The reconciler retries with back-off; retrying inside a call only delays the error.
                .withRequestRetryBackoffLimit(0)
                .withUserAgent("coffer/kubernetes-provider");
        if (block.authRef != null) {
            byte[] kubeconfig = store.secretValue(block.authRef, KubernetesBlockCheck.PATH + ".authRef");
            String url = KubeconfigCredentials.apply(kubeconfig, KubernetesBlockCheck.PATH + ".authRef", builder);
            return new Settings(builder.build(), url, null);
        }
        String url = serverUrl(block.server, store);
        builder.withMasterUrl(url);
        String ca = caData(store, block.server);
        if (ca != null) {
            builder.withCaCertData(ca);
        }
        ServiceAccountTokenSource tokens = auth(store, block.auth, builder, clock);
        return new Settings(builder.build(), url, tokens);
    }

    static boolean isInClusterDefault(String url) {
        return url == null || url.isBlank() || IN_CLUSTER_DEFAULT.equals(url.trim());
    }

    /** A URL without a scheme means https, as with client-go's host. */
    static String withScheme(String url) {
        String u = url.trim();
        return u.startsWith("https://") || u.startsWith("http://") ? u : "https://" + u;
    }

    /** Client certificate auth from base64 PEM data, with the key algorithm read from the key. */
    static void clientCertificate(ConfigBuilder builder, String certB64, String keyB64) {
        String algorithm;
        try {
            algorithm = Config.getKeyAlgorithm(null, keyB64);
        } catch (RuntimeException e) {
            algorithm = null;
        }
        builder.withClientCertData(certB64).withClientKeyData(keyB64);
        if (algorithm != null) {
            builder.withClientKeyAlgo(algorithm);
        }
    }

    private static String serverUrl(KubernetesServer server, StoreContext store) {
        String url = server == null ? null : server.url;
        if (isInClusterDefault(url)) {
            String own = store.kube().apiServerUrl();
            if (own == null || own.isBlank()) {
                throw ProviderException.invalidConfig(KubernetesBlockCheck.PATH
                        + ".server.url is not set and Coffer does not know its own API server URL");
            }
            return own;
        }
        return withScheme(url);
    }

    /** The CA as fabric8 wants it (base64 of PEM), from caBundle or caProvider; null for the JVM trust store. */
    private static String caData(StoreContext store, KubernetesServer server) {
        if (server == null) {
            return null;
        }
        if (!KubernetesBlockCheck.isBlank(server.caBundle)) {
            return server.caBundle.replaceAll("\\s", "");
        }
        CAProvider ca = server.caProvider;
        if (ca == null) {
            return null;
        }
        String what = KubernetesBlockCheck.PATH + ".server.caProvider";
        byte[] pem;
        if (ca.type == CAProviderType.Secret) {
            pem = store.secretValue(KubernetesBlockCheck.caSecretRef(ca), what);
        } else {
            pem = store.configMapValue(ca.namespace, ca.name, ca.key, what).getBytes(StandardCharsets.UTF_8);
        }
        if (!new String(pem, StandardCharsets.UTF_8).contains("-----BEGIN CERTIFICATE-----")) {
            throw ProviderException.invalidConfig(what + ": " + ca.type + " " + ca.name + " key \"" + ca.key
                    + "\" does not hold a PEM certificate");
        }
        return Base64.getEncoder().encodeToString(pem);
    }

    private static ServiceAccountTokenSource auth(StoreContext store, KubernetesAuth auth, ConfigBuilder builder, Clock clock) {
        String path = KubernetesBlockCheck.PATH + ".auth";
        if (auth.token != null) {
            builder.withOauthToken(store.secretString(auth.token.bearerToken, path + ".token.bearerToken"));
            return null;
        }
        if (auth.cert != null) {
            byte[] cert = store.secretValue(auth.cert.clientCert, path + ".cert.clientCert");
            byte[] key = store.secretValue(auth.cert.clientKey, path + ".cert.clientKey");
            clientCertificate(builder, Base64.getEncoder().encodeToString(cert), Base64.getEncoder().encodeToString(key));
            return null;
        }
        ServiceAccountSelector sa = auth.serviceAccount;
        String ns = store.namespaceOf(sa.namespace, path + ".serviceAccount");
        if (ns == null || ns.isBlank()) {
            throw ProviderException.invalidConfig(path + ".serviceAccount: no namespace to find service account \""
                    + sa.name + "\" in");
        }
        ServiceAccountTokenSource tokens = new ServiceAccountTokenSource(store.kube(), ns, sa.name, sa.audiences, clock);
        tokens.getToken(); // fail here, with a clear message, rather than on the first read
        builder.withOauthTokenProvider(tokens);
        return tokens;
    }
}
