package dev.coffer.generator.webhook;

import dev.coffer.api.externalsecrets.v1.SecretStoreProvider;
import dev.coffer.api.externalsecrets.v1.providers.WebhookProvider;
import dev.coffer.generator.Generated;
import dev.coffer.generator.Generator;
import dev.coffer.generator.GeneratorContext;
import dev.coffer.generator.GeneratorStores;
import dev.coffer.generator.ResolvedGenerator;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.webhook.WebhookCall;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.util.Map;

/**
 * The Webhook generator: one call of the webhook provider's code with an empty
 * {@code .remoteRef} (as upstream, which passes none), its JSON answer (or the object
 * {@code result.jsonPath} selects) read as the key/value map. Every generation calls the endpoint:
 * unlike a store, nothing is shared between callers, since each may expect fresh values.
 */
public final class WebhookGenerator implements Generator {

    private final MeterRegistry meters;

    public WebhookGenerator() {
        this(Metrics.globalRegistry);
    }

    public WebhookGenerator(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public String kind() {
        return "Webhook";
    }

    @Override
    public Generated generate(ResolvedGenerator g, GeneratorContext ctx) {
        WebhookProvider spec = g.spec(WebhookProvider.class);
        String what = g.describe(ctx.namespace());
        if (spec == null) {
            throw ProviderException.invalidConfig(what + ": spec.url is required");
        }
        SecretStoreProvider provider = new SecretStoreProvider();
        provider.webhook = spec;
        String field = g.cluster() ? "spec.generator.webhookSpec" : "spec";
        WebhookCall call = new WebhookCall(GeneratorStores.context(g, ctx, provider), spec, field, meters);
        return Generated.of(call.values(Map.of("key", "", "version", "", "property", ""), what));
    }
}
