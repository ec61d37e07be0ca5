package dev.coffer.generator.aws;

import dev.coffer.api.externalsecrets.v1.SecretStoreProvider;
import dev.coffer.api.externalsecrets.v1.providers.AwsAuth;
import dev.coffer.api.externalsecrets.v1.providers.AwsProvider;
import dev.coffer.generator.GeneratorContext;
import dev.coffer.generator.GeneratorStores;
import dev.coffer.generator.ResolvedGenerator;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.aws.AwsOptions;
import dev.coffer.provider.aws.AwsSession;

/**
 * Opens the aws provider's session for a generator's {@code region}, {@code auth} and
 * {@code role}: the generator stands for a store with that aws block, so its credentials resolve
 * exactly as an aws store's do (a ClusterGenerator's as a ClusterSecretStore's).
 */
final class AwsGeneratorSessions {

    private AwsGeneratorSessions() {
    }

    static AwsSession open(ResolvedGenerator g, GeneratorContext ctx, String region, AwsAuth auth, String role, AwsOptions options) {
        if (region == null || region.isBlank()) {
            throw ProviderException.invalidConfig(g.describe(ctx.namespace()) + ": spec.region is required");
        }
        AwsProvider block = new AwsProvider();
        block.region = region;
        block.auth = auth;
        block.role = role;
        SecretStoreProvider provider = new SecretStoreProvider();
        provider.aws = block;
        return AwsSession.open(GeneratorStores.context(g, ctx, provider), options);
    }
}
