package dev.coffer.provider;

import dev.coffer.api.meta.v1.SecretKeySelector;

import java.util.List;

/**
 * One backend. It is registered under the key of its block in {@code spec.provider} (for
 * example {@code fake} or {@code aws}); reconcilers never see a backend type.
 *
 * <p>The lifecycle is: {@link #validate} checks the block without I/O; {@link #credentialRefs}
 * lists the Kubernetes Secrets the block reads, so that the client cache can key clients by
 * store and credentials; {@link #newClient} builds a client, which is then reused.
 */
public interface Provider {

    /** The key of the provider block this provider handles. */
    String name();

    /** Static validation of the provider block; throws INVALID_CONFIG with a clear message. */
    void validate(StoreContext store);

    /**
     * The Secret keys the block reads for credentials, already validated. Their values are hashed
     * into the client cache key, so a rotated credential builds a new client.
     */
    default List<SecretKeySelector> credentialRefs(StoreContext store) {
        return List.of();
    }

    /**
     * Whether a ClusterSecretStore's client depends on the namespace of the ExternalSecret it
     * serves, beyond the credential Secrets (which the cache checks itself): for example a
     * service account named without a namespace, which upstream resolves in that namespace.
     * Such stores get one client per consumer namespace.
     */
    default boolean clientPerConsumerNamespace(StoreContext store) {
        return false;
    }

    /** Builds a client for the store. Called once per store generation and credentials. */
    SecretsClient newClient(StoreContext store);
}
