package dev.coffer.cli;

import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.kubeseal.IoMessages;
import dev.coffer.sealing.kubeseal.TargetNamespace;
import dev.coffer.gocompat.GoDuration;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kubectl flags that kubeseal takes (client-go's override flags) and what they decide: the
 * client configuration for reaching the controller, and the namespace a Secret without one is
 * sealed for ({@code --namespace}, else the context's namespace, else {@code default}).
 */
final class KubectlFlags {

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Path to a kubeconfig (default: $KUBECONFIG or ~/.kube/config).")
    String kubeconfig;
    @Option(names = "--context", description = "The kubeconfig context to use.")
    String context;
    @Option(names = "--cluster", description = "The kubeconfig cluster to use.")
    String cluster;
    @Option(names = "--user", description = "The kubeconfig user to use.")
    String user;
    @Option(names = {"-n", "--namespace"}, description = "Namespace for Secrets without one (and --raw); default: the context's, else default.")
    String namespace;
    @Option(names = "--server", description = "The address and port of the Kubernetes API server.")
    String server;
    @Option(names = "--token", description = "Bearer token for the API server.")
    String token;
    @Option(names = "--certificate-authority", paramLabel = "FILE", description = "CA certificate file of the API server.")
    String certificateAuthority;
    @Option(names = "--client-certificate", paramLabel = "FILE", description = "Client certificate file for TLS.")
    String clientCertificate;
    @Option(names = "--client-key", paramLabel = "FILE", description = "Client key file for TLS.")
    String clientKey;
    @Option(names = "--insecure-skip-tls-verify", description = "Do not check the API server's certificate.")
    boolean insecureSkipTlsVerify;
    @Option(names = "--username", description = "Username for basic authentication to the API server.")
    String username;
    @Option(names = "--password", description = "Password for basic authentication to the API server.")
    String password;
    @Option(names = "--as", paramLabel = "USER", description = "Username to impersonate.")
    String impersonateUser;
    @Option(names = "--as-group", paramLabel = "GROUP", description = "Group to impersonate (repeatable).")
    List<String> impersonateGroups = new ArrayList<>();
    @Option(names = "--request-timeout", paramLabel = "DURATION", description = "Timeout of one API request (e.g. 30s, 1m; 0: none).")
    String requestTimeout;
    @Option(names = "--proxy-url", paramLabel = "URL", description = "Proxy for the API server.")
    String proxyUrl;

    private static final KubernetesSerialization KUBE = new KubernetesSerialization();

    /** The namespace for Secrets without one: the flag (explicit), else the kubeconfig context's, else default. */
    TargetNamespace namespace() throws SealingException {
        if (namespace != null) {
            return new TargetNamespace(namespace, true);
        }
        String fromContext = kubeconfigModel().flatMap(this::contextOf).map(NamedContext::getContext)
                .map(io.fabric8.kubernetes.api.model.Context::getNamespace).orElse(null);
        return new TargetNamespace(fromContext == null || fromContext.isEmpty() ? TargetNamespace.FALLBACK : fromContext, false);
    }

    /** The client configuration: the kubeconfig (or in-cluster) with the flags over it, as kubectl builds it. */
    Config clientConfig() throws SealingException {
        Config base;
        if (cluster != null || user != null) {
            base = fromEditedKubeconfig();
        } else if (kubeconfig != null) {
            requireReadable(Path.of(kubeconfig));
            base = Config.fromKubeconfig(context, new File(kubeconfig));
        } else {
            base = Config.autoConfigure(context);
        }
        ConfigBuilder config = new ConfigBuilder(base);
        if (server != null) {
            config.withMasterUrl(server);
        }
        if (token != null) {
            config.withOauthToken(token);
        }
        if (certificateAuthority != null) {
            config.withCaCertFile(certificateAuthority);
        }
        if (clientCertificate != null) {
            config.withClientCertFile(clientCertificate);
        }
        if (clientKey != null) {
            config.withClientKeyFile(clientKey);
        }
        if (insecureSkipTlsVerify) {
            config.withTrustCerts(true).withDisableHostnameVerification(true);
        }
        if (username != null) {
            config.withUsername(username);
        }
        if (password != null) {
            config.withPassword(password);
        }
        if (impersonateUser != null) {
            config.withImpersonateUsername(impersonateUser);
        }
        if (!impersonateGroups.isEmpty()) {
            config.withImpersonateGroups(impersonateGroups.toArray(String[]::new));
        }
        if (requestTimeout != null) {
            try {
                config.withRequestTimeout((int) GoDuration.parse(requestTimeout).toMillis());
            } catch (IllegalArgumentException e) {
                throw new SealingException("--request-timeout: " + e.getMessage());
            }
        }
        if (proxyUrl != null) {
            config.withHttpProxy(proxyUrl).withHttpsProxy(proxyUrl);
        }
        if (namespace != null) {
            config.withNamespace(namespace);
        }
        return config.build();
    }

    /** --cluster / --user: the kubeconfig with the chosen context pointing at them. */
    private Config fromEditedKubeconfig() throws SealingException {
        Path file = kubeconfigFile().orElseThrow(() -> new SealingException("--cluster and --user need a kubeconfig"));
        io.fabric8.kubernetes.api.model.Config model = parse(file);
        NamedContext named = contextOf(model).orElseThrow(() -> new SealingException(
                "context " + (context != null ? context : model.getCurrentContext()) + " not found in " + file));
        if (cluster != null) {
            named.getContext().setCluster(cluster);
        }
        if (user != null) {
            named.getContext().setUser(user);
        }
        model.setCurrentContext(named.getName());
        return Config.fromKubeconfig(named.getName(), KUBE.asYaml(model), file.toString());
    }

    private Optional<io.fabric8.kubernetes.api.model.Config> kubeconfigModel() throws SealingException {
        Optional<Path> file = kubeconfigFile();
        return file.isEmpty() ? Optional.empty() : Optional.of(parse(file.get()));
    }

    private Optional<NamedContext> contextOf(io.fabric8.kubernetes.api.model.Config model) {
        String wanted = context != null ? context : model.getCurrentContext();
        return model.getContexts() == null ? Optional.empty()
                : model.getContexts().stream().filter(c -> c.getName().equals(wanted) && c.getContext() != null).findFirst();
    }

    /** --kubeconfig, else the first existing file of $KUBECONFIG, else ~/.kube/config if it exists. */
    private Optional<Path> kubeconfigFile() throws SealingException {
        if (kubeconfig != null) {
            requireReadable(Path.of(kubeconfig));
            return Optional.of(Path.of(kubeconfig));
        }
        if (!Boolean.parseBoolean(System.getProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "true"))) {
            return Optional.empty();
        }
        return Config.getKubeconfigFilenames().stream().map(Path::of).filter(Files::isRegularFile).findFirst();
    }

    private static io.fabric8.kubernetes.api.model.Config parse(Path file) throws SealingException {
        try {
            return KUBE.unmarshal(Files.readString(file), io.fabric8.kubernetes.api.model.Config.class);
        } catch (IOException e) {
            throw new SealingException(IoMessages.of("kubeconfig", file.toString(), e));
        } catch (RuntimeException e) {
            throw new SealingException("kubeconfig " + file + " is not a valid kubeconfig");
        }
    }

    private static void requireReadable(Path file) throws SealingException {
        if (!Files.isRegularFile(file)) {
            throw new SealingException("kubeconfig not found: " + file);
        }
    }
}
