package dev.coffer.store;

import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.provider.Provider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.StoreIdentity;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(StoreValidator.class);

    private final ProviderRegistry registry;
    private final ClientCache cache;

    public StoreValidator(ProviderRegistry registry, ClientCache cache) {
        this.registry = registry;
        this.cache = cache;
    }

    /** Every failure ends in a Result (so in a condition), never in an exception. */
    public Result validate(StoreContext ctx) {
        cache.evictBefore(ctx.identity(), ctx.generation());
        try {
            return check(ctx);
        } catch (KubernetesClientException e) {
            // the only API calls here read what the store references (credential Secrets, CA ConfigMaps)
            return new Result(false, "ValidationFailed", "could not read what the store references (credentials, CA): "
                    + "Kubernetes API error (HTTP " + e.getCode() + ")");
        } catch (RuntimeException e) {
            LOG.warnf("validating %s failed unexpectedly: %s", ctx.identity(), e.getClass().getName());
            return new Result(false, "ValidationFailed", "internal error (" + e.getClass().getSimpleName()
                    + ") while validating the store; see the operator log");
        }
    }

    private Result check(StoreContext ctx) {
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

    /** A deleted store: its clients are closed (Vault tokens revoked). */
    public void forget(StoreIdentity store) {
        cache.evict(store);
    }

    private static boolean resolvesPerNamespace(List<SecretKeySelector> refs) {
        return refs.stream().anyMatch(r -> r.namespace == null || r.namespace.isEmpty());
    }
}
