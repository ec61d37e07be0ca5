package dev.coffer.provider;

import dev.coffer.api.externalsecrets.v1.SecretStoreRef;
import dev.coffer.provider.SecretsClient;

/**
 * Gives the fetch step a client for a store: the ExternalSecret's own store, or the one a data
 * item's {@code sourceRef.storeRef} names. The operator resolves stores through the API server,
 * checks they are Ready and may serve this namespace, and reuses cached clients.
 */
@FunctionalInterface
public interface ClientSource {

    /** @param ref the store to use; never null (the caller substitutes the default store) */
    SecretsClient clientFor(SecretStoreRef ref);
}
