package dev.coffer.store;

import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.provider.Provider;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.StoreIdentity;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One provider client per store, generation and credentials, shared by every reconcile.
 * A new generation or rotated credentials build a new client and close the old one; a deleted
 * store closes its clients. The credential values are hashed, never kept.
 */
public final class ClientCache implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClientCache.class);

    /** consumerNamespace is set only when credentials resolve per ExternalSecret namespace. */
    record Key(StoreIdentity store, long generation, String consumerNamespace, String credentials) {
    }

    private final Map<Key, SecretsClient> clients = new ConcurrentHashMap<>();

    public SecretsClient get(StoreContext ctx, Provider provider) {
        List<SecretKeySelector> refs = provider.credentialRefs(ctx);
        boolean perNamespace = ctx.identity().isCluster()
                && (refs.stream().anyMatch(r -> r.namespace == null || r.namespace.isEmpty())
                || provider.clientPerConsumerNamespace(ctx));
        String consumer = perNamespace ? ctx.consumerNamespace() : null;
        Key key = new Key(ctx.identity(), ctx.generation(), consumer, credentialHash(ctx, refs));
        SecretsClient client = clients.get(key);
        if (client != null) {
            return client;
        }
        SecretsClient built = clients.computeIfAbsent(key, k -> {
            LOG.debugf("building a %s client for %s (generation %d)", provider.name(), ctx.identity(), ctx.generation());
            return provider.newClient(ctx);
        });
        retireOthers(key);
        return built;
    }

    /** Closes every client of a store (on delete); a Vault client revokes its token as it closes. */
    public void evict(StoreIdentity store) {
        evictIf(k -> k.store().equals(store));
    }

    /**
     * Closes a store's clients built for a generation before {@code generation}: the spec they
     * were built from is gone, even when the new one never gets as far as building a client.
     */
    public void evictBefore(StoreIdentity store, long generation) {
        evictIf(k -> k.store().equals(store) && k.generation() < generation);
    }

    private void evictIf(java.util.function.Predicate<Key> which) {
        for (Key k : clients.keySet()) {
            if (which.test(k)) {
                closeQuietly(clients.remove(k));
            }
        }
    }

    public int size() {
        return clients.size();
    }

    /** Clients of the stores in one namespace (ClusterSecretStores have none). */
    public int size(String namespace) {
        return (int) clients.keySet().stream().filter(k -> namespace.equals(k.store().namespace())).count();
    }

    @Override
    public void close() {
        clients.values().forEach(ClientCache::closeQuietly);
        clients.clear();
    }

    private void retireOthers(Key current) {
        for (Key k : clients.keySet()) {
            if (!k.equals(current) && k.store().equals(current.store())
                    && java.util.Objects.equals(k.consumerNamespace(), current.consumerNamespace())) {
                SecretsClient old = clients.remove(k);
                closeQuietly(old);
            }
        }
    }

    private static String credentialHash(StoreContext ctx, List<SecretKeySelector> refs) {
        if (refs.isEmpty()) {
            return "";
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (SecretKeySelector ref : refs) {
                sha.update((ctx.namespaceOf(ref.namespace, "credentials") + "/" + ref.name + "/" + ref.key + "\0")
                        .getBytes(StandardCharsets.UTF_8));
                sha.update(ctx.secretValue(ref, "credentials"));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(SecretsClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (Exception e) {
            LOG.debugf("closing a %s client failed: %s", client.providerName(), e.getClass().getSimpleName());
        }
    }
}
