package dev.coffer.provider.kubernetes;

import dev.coffer.provider.ProviderException;
import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.Context;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * The server and credentials of a kubeconfig held in a Secret ({@code authRef}), current context.
 *
 * <p>Only inline material is accepted. A kubeconfig comes from a store author, and anything that
 * points at the operator's own environment would let it borrow the operator's identity or run
 * code in its pod: file paths (a {@code tokenFile} of the operator's service-account token),
 * {@code exec} plugins, {@code auth-provider}s and impersonation are refused with a clear error.
 */
final class KubeconfigCredentials {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private KubeconfigCredentials() {
    }

    /** Applies the kubeconfig to the builder; returns the server URL, for messages. */
    static String apply(byte[] kubeconfig, String what, ConfigBuilder builder) {
        Config config;
        try {
            config = YAML.unmarshal(new String(kubeconfig, StandardCharsets.UTF_8), Config.class);
        } catch (RuntimeException e) {
            // No cause: a parser message could quote a token.
            throw ProviderException.invalidConfig(what + " is not a valid kubeconfig");
        }
        if (config == null) {
            throw ProviderException.invalidConfig(what + " is not a valid kubeconfig");
        }
        Context context = currentContext(config, what);
        Cluster cluster = named(config.getClusters(), NamedCluster::getName, NamedCluster::getCluster,
                context.getCluster(), what, "cluster");
        AuthInfo user = KubernetesBlockCheck.isBlank(context.getUser()) ? new AuthInfo()
                : named(config.getUsers(), NamedAuthInfo::getName, NamedAuthInfo::getUser, context.getUser(), what, "user");

        if (KubernetesBlockCheck.isBlank(cluster.getServer())) {
            throw ProviderException.invalidConfig(what + ": cluster \"" + context.getCluster() + "\" has no server");
        }
        refuse(cluster.getCertificateAuthority(), what, "certificate-authority (a file path; use certificate-authority-data)");
        refuse(cluster.getProxyUrl(), what, "proxy-url");
        refuse(user.getTokenFile(), what, "tokenFile (a file path; use token)");
        refuse(user.getClientCertificate(), what, "client-certificate (a file path; use client-certificate-data)");
        refuse(user.getClientKey(), what, "client-key (a file path; use client-key-data)");
        refuse(user.getExec(), what, "exec (credential plugins would run inside the operator)");
        refuse(user.getAuthProvider(), what, "auth-provider");
        refuse(user.getAs(), what, "as (impersonation)");
        refuse(user.getAsGroups() == null || user.getAsGroups().isEmpty() ? null : user.getAsGroups(), what, "as-groups (impersonation)");

        builder.withMasterUrl(cluster.getServer());
        if (!KubernetesBlockCheck.isBlank(cluster.getCertificateAuthorityData())) {
            builder.withCaCertData(cluster.getCertificateAuthorityData());
        }
        if (Boolean.TRUE.equals(cluster.getInsecureSkipTlsVerify())) {
            builder.withTrustCerts(true).withDisableHostnameVerification(true);
        }
        if (!KubernetesBlockCheck.isBlank(user.getToken())) {
            builder.withOauthToken(user.getToken().trim());
        }
        if (!KubernetesBlockCheck.isBlank(user.getClientCertificateData()) || !KubernetesBlockCheck.isBlank(user.getClientKeyData())) {
            if (KubernetesBlockCheck.isBlank(user.getClientCertificateData()) || KubernetesBlockCheck.isBlank(user.getClientKeyData())) {
                throw ProviderException.invalidConfig(what + ": client-certificate-data and client-key-data must be set together");
            }
            ClusterConnection.clientCertificate(builder, user.getClientCertificateData(), user.getClientKeyData());
        }
        if (!KubernetesBlockCheck.isBlank(user.getUsername())) {
            builder.withUsername(user.getUsername()).withPassword(user.getPassword());
        }
        return cluster.getServer();
    }

    private static Context currentContext(Config config, String what) {
        List<NamedContext> contexts = config.getContexts();
        String name = config.getCurrentContext();
        if (KubernetesBlockCheck.isBlank(name)) {
            if (contexts != null && contexts.size() == 1) {
                return contexts.get(0).getContext();
            }
            throw ProviderException.invalidConfig(what + ": the kubeconfig has no current-context");
        }
        return named(contexts, NamedContext::getName, NamedContext::getContext, name, what, "context");
    }

    private static <N, T> T named(List<N> items, Function<N, String> name, Function<N, T> value,
                                  String wanted, String what, String kind) {
        if (items != null) {
            for (N item : items) {
                if (wanted != null && wanted.equals(name.apply(item)) && value.apply(item) != null) {
                    return value.apply(item);
                }
            }
        }
        throw ProviderException.invalidConfig(what + ": the kubeconfig has no " + kind + " named \"" + wanted + "\"");
    }

    private static void refuse(Object field, String what, String name) {
        if (field != null && !(field instanceof String s && s.isBlank())) {
            throw ProviderException.invalidConfig(what + ": kubeconfig field " + name + " is not supported");
        }
    }
}
