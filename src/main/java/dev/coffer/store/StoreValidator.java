package dev.coffer.store;

import dev.coffer.api.externalsecrets.v1.SecretKeySelector;
import dev.coffer.provider.Provider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.ProviderRegistry;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;

import java.util.List;

/**
 * Validates a store the way upstream reports it: a malformed spec is
 * {@code InvalidStoreConfiguration}, a provider block the provider rejects is
 * {@code InvalidProviderConfig}, and a live check that fails is {@code ValidationFailed}.
 * A valid store's client lands in the cache, so the first sync reuses it.
 */
public final class StoreValidator {

    /**
     * The outcome, ready to become the Ready condition, and the store's {@code capabilities}:
     * ReadWrite when its client can push ({@link SecretsClient#pusher()}), else ReadOnly.
     */
    public record Result(boolean ready, String reason, String message, String capabilities) {

        public static final String READ_ONLY = "ReadOnly";
        public static final String READ_WRITE = "ReadWrite";

        public Result(boolean ready, String reason, String message) {
            this(ready, reason, message, READ_ONLY);
        }
    }

    private final ProviderRegistry registry;
    private final ClientCache cache;

    public StoreValidator(ProviderRegistry registry, ClientCache cache) {
        this.registry = registry;
        this.cache = cache;
    }

    public Result validate(StoreContext ctx) {
        Provider provider;
        try {
            provider = registry.forBlock(ctx.spec().provider);
        } catch (ProviderException e) {
            return new Result(false, "InvalidStoreConfiguration", e.getMessage());
        }
        try {
            provider.validate(ctx);
        } catch (ProviderException e) {
            return new Result(false, "InvalidProviderConfig", e.getMessage());
        }
        if (ctx.identity().isCluster() && resolvesPerNamespace(provider.credentialRefs(ctx))) {
            return new Result(true, "Valid", "store validated (credentials resolve in each ExternalSecret's namespace)");
        }
        SecretsClient client;
        try {
            client = cache.get(ctx, provider);
            client.validate();
        } catch (ProviderException e) {
            String reason = e.kind() == ProviderException.Kind.INVALID_CONFIG ? "InvalidProviderConfig" : "ValidationFailed";
            return new Result(false, reason, e.getMessage());
        }
        return new Result(true, "Valid", "store validated", client.pusher().isPresent() ? Result.READ_WRITE : Result.READ_ONLY);
    }

    private static boolean resolvesPerNamespace(List<SecretKeySelector> refs) {
        return refs.stream().anyMatch(r -> r.namespace == null || r.namespace.isEmpty());
    }
}
