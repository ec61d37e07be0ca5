package dev.coffer.provider;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;

import java.util.Map;

/**
 * A live connection to one backend, built once per store and credentials and shared by every
 * ExternalSecret that uses the store, concurrently. Implementations are thread-safe.
 * Every method throws {@link ProviderException} with a message safe to show a user.
 */
public interface SecretsClient extends AutoCloseable {

    /** The provider name, for metrics ({@code provider} label). */
    String providerName();

    /**
     * One value: {@code ref.key}, optionally one {@code property} of a structured value and a
     * {@code version}. With {@code metadataPolicy: Fetch} it returns the metadata (tags, labels)
     * instead, as JSON, or one metadata entry when a property is named.
     */
    byte[] getSecret(ExternalSecretDataRemoteRef ref);

    /** A structured value (usually a JSON object) split into its top-level keys ({@code dataFrom.extract}). */
    Map<String, byte[]> getSecretMap(ExternalSecretDataRemoteRef ref);

    /** Every remote secret that matches {@code find} (name regexp, path, tags), keyed by its remote name. */
    Map<String, byte[]> getAllSecrets(ExternalSecretFind find);

    /**
     * Whether, for a reference without {@code metadataPolicy: Fetch}, {@link #getSecret} with a
     * {@code property} is exactly {@link JsonValues#property} of the value without it. The fetch
     * step then reads a key once for every property a sync asks of it ({@link SharedReads}).
     */
    default boolean propertiesFromWholeValue() {
        return false;
    }

    /**
     * A cheap live check that the store works (credentials accepted, backend reachable). Store
     * reconcilers call it on each re-validation. The default says nothing can be checked live.
     */
    default void validate() {
    }

    /**
     * The client that talks to the backend. A wrapper that only observes calls (the audit trail's)
     * returns its delegate's, so that {@link SharedReads}, which shares reads per client, shares
     * them across every resource's wrapper of one store client.
     */
    default SecretsClient backend() {
        return this;
    }

    /** The write side, when this provider can push ({@link SecretsPusher}); empty means read-only. */
    default java.util.Optional<SecretsPusher> pusher() { return java.util.Optional.empty(); }

    /** Releases connections and revokes what the client holds (tokens, leases). */
    @Override
    default void close() {
    }
}
