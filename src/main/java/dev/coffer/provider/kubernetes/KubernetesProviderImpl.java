package dev.coffer.provider.kubernetes;

import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.provider.Provider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.time.Clock;
import java.util.List;

/**
 * The {@code kubernetes} provider: reads Secrets of {@code remoteNamespace} on an API server,
 * authenticating with a bearer token, a client certificate, a service-account token (TokenRequest
 * API, renewed in place) or a kubeconfig from a Secret. One fabric8 client is built per store
 * client; see {@link ClusterConnection} for how it is configured.
 */
public final class KubernetesProviderImpl implements Provider {

    static final String DEFAULT_REMOTE_NAMESPACE = "default";

    private final Clock clock;

    public KubernetesProviderImpl() {
        this(Clock.systemUTC());
    }

    /** With a clock, so tests can age service-account tokens. */
    KubernetesProviderImpl(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public void validate(StoreContext store) {
        KubernetesBlockCheck.validate(store);
    }

    @Override
    public List<SecretKeySelector> credentialRefs(StoreContext store) {
        return KubernetesBlockCheck.credentialRefs(store);
    }

    /** A service account named without a namespace is the consumer's (as upstream). */
    @Override
    public boolean clientPerConsumerNamespace(StoreContext store) {
        var auth = store.spec().provider.kubernetes.auth;
        return auth != null && auth.serviceAccount != null
                && (auth.serviceAccount.namespace == null || auth.serviceAccount.namespace.isEmpty());
    }

    @Override
    public SecretsClient newClient(StoreContext store) {
        validate(store);
        ClusterConnection.Settings settings = ClusterConnection.settings(store, clock);
        KubernetesClient client;
        try {
            client = new KubernetesClientBuilder().withConfig(settings.config()).build();
        } catch (RuntimeException e) {
            // Bad PEM material surfaces here; the message is fabric8's, so leave it out.
            throw ProviderException.invalidConfig(KubernetesBlockCheck.PATH
                    + ": could not set up a client for " + settings.serverUrl()
                    + " (check the CA and client certificate/key PEM data)");
        }
        String ns = store.spec().provider.kubernetes.remoteNamespace;
        return new KubernetesSecretsClient(client, ns == null || ns.isEmpty() ? DEFAULT_REMOTE_NAMESPACE : ns,
                settings.serverUrl());
    }
}
