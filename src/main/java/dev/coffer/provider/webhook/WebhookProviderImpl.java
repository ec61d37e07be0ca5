package dev.coffer.provider.webhook;

import dev.coffer.provider.Provider;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.SharedCalls;
import dev.coffer.provider.StoreContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.time.Duration;

/** The {@code webhook} provider: any HTTP endpoint, called with templated url, body and headers. */
public final class WebhookProviderImpl implements Provider {

    static final String BLOCK = "spec.provider.webhook";
    /** System property overriding the share window, in milliseconds (as for the other providers). */
    public static final String SHARE_WINDOW_PROPERTY = "coffer.webhook.share-window-ms";

    private final Duration shareWindow;
    private final MeterRegistry meters;

    public WebhookProviderImpl() {
        this(SharedCalls.windowFromConfig(SHARE_WINDOW_PROPERTY, Duration.ofSeconds(5)), Metrics.globalRegistry);
    }

    public WebhookProviderImpl(Duration shareWindow, MeterRegistry meters) {
        this.shareWindow = shareWindow;
        this.meters = meters;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void validate(StoreContext store) {
        WebhookCall.validate(store, store.spec().provider.webhook, BLOCK);
    }

    /** {@code .remoteRef.namespace} is the consumer's namespace, so a cluster store serves each namespace with its own client. */
    @Override
    public boolean clientPerConsumerNamespace(StoreContext store) {
        return store.identity().isCluster();
    }

    @Override
    public SecretsClient newClient(StoreContext store) {
        return new WebhookSecretsClient(new WebhookCall(store, store.spec().provider.webhook, BLOCK, meters),
                new SharedCalls(true, shareWindow));
    }
}
