package dev.coffer.generator.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.api.externalsecrets.v1.RetrySettings;
import dev.coffer.api.externalsecrets.v1.SecretStoreProvider;
import dev.coffer.api.generators.v1alpha1.VaultDynamicSecretSpec;
import dev.coffer.generator.Generated;
import dev.coffer.generator.Generator;
import dev.coffer.generator.GeneratorContext;
import dev.coffer.generator.GeneratorStores;
import dev.coffer.generator.Lease;
import dev.coffer.generator.ResolvedGenerator;
import dev.coffer.provider.Provider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.vault.VaultLogical;
import dev.coffer.provider.vault.VaultProviderImpl;
import dev.coffer.gocompat.GoDuration;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The VaultDynamicSecret generator. Its provider block is a store's vault block, so it goes
 * through the vault provider: the same logins, token renewal and TLS, and one cached client
 * (one token) per generator and credentials. It reads or writes {@code path} and returns the
 * data (or auth, or raw) section; a lease in the answer is handed back to be renewed and revoked.
 */
public final class VaultDynamicSecretGenerator implements Generator {

    private final Provider vault;

    public VaultDynamicSecretGenerator() {
        this(new VaultProviderImpl());
    }

    /** For tests: a vault provider with a controllable clock. */
    public VaultDynamicSecretGenerator(Provider vault) {
        this.vault = vault;
    }

    @Override
    public String kind() {
        return "VaultDynamicSecret";
    }

    @Override
    public Generated generate(ResolvedGenerator g, GeneratorContext ctx) {
        VaultDynamicSecretSpec spec = spec(g, ctx);
        String what = (spec.method == null || spec.method.isBlank() ? "GET" : spec.method) + " " + spec.path
                + " for " + g.describe(ctx.namespace());
        VaultLogical client = client(g, ctx);
        JsonNode answer = withRetries(spec.retrySettings,
                () -> client.request(spec.method, spec.path, spec.parameters, spec.getParameters));
        return new Generated(VaultResults.values(answer, spec.resultType, Boolean.TRUE.equals(spec.allowEmptyResponse), what),
                VaultResults.lease(answer));
    }

    @Override
    public Optional<Lease> renew(ResolvedGenerator g, GeneratorContext ctx, String leaseId, long incrementSeconds) {
        JsonNode answer;
        try {
            answer = client(g, ctx).renewLease(leaseId, incrementSeconds);
        } catch (ProviderException e) {
            if (e.kind() == ProviderException.Kind.INVALID_CONFIG || e.kind() == ProviderException.Kind.NOT_FOUND) {
                return Optional.empty(); // Vault refuses (400: not renewable, expired or unknown): new credentials
            }
            throw e;
        }
        return VaultResults.lease(answer);
    }

    @Override
    public void revoke(ResolvedGenerator g, GeneratorContext ctx, String leaseId) {
        client(g, ctx).revokeLease(leaseId);
    }

    private static VaultDynamicSecretSpec spec(ResolvedGenerator g, GeneratorContext ctx) {
        VaultDynamicSecretSpec spec = g.spec(VaultDynamicSecretSpec.class);
        if (spec == null || spec.path == null || spec.path.isBlank()) {
            throw ProviderException.invalidConfig(g.describe(ctx.namespace()) + ": spec.path is required");
        }
        if (spec.provider == null) {
            throw ProviderException.invalidConfig(g.describe(ctx.namespace()) + ": spec.provider is required");
        }
        return spec;
    }

    /** The cached vault client of this generator: one login and token per generator and credentials. */
    private VaultLogical client(ResolvedGenerator g, GeneratorContext ctx) {
        SecretStoreProvider provider = new SecretStoreProvider();
        provider.vault = spec(g, ctx).provider;
        StoreContext sc = GeneratorStores.context(g, ctx, provider);
        vault.validate(sc);
        SecretsClient client = ctx.clients().get(sc, vault);
        if (!(client instanceof VaultLogical logical)) {
            throw new IllegalStateException("the vault provider's client does not serve dynamic secrets");
        }
        return logical;
    }

    /** Retries unavailable and throttled answers {@code maxRetries} times, {@code retryInterval} apart. */
    static JsonNode withRetries(RetrySettings retry, Supplier<JsonNode> call) {
        int retries = retry == null || retry.maxRetries == null ? 0 : Math.max(0, retry.maxRetries);
        Duration pause = retry == null || retry.retryInterval == null ? Duration.ofSeconds(1) : GoDuration.parse(retry.retryInterval);
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (ProviderException e) {
                boolean transient_ = e.kind() == ProviderException.Kind.UNAVAILABLE || e.kind() == ProviderException.Kind.THROTTLED;
                if (!transient_ || attempt >= retries) {
                    throw e;
                }
                sleep(pause);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.unavailable("interrupted while waiting to retry a Vault request", null);
        }
    }
}
