package dev.coffer.faults;

import dev.coffer.kube.ApiServerKubeAccess;
import dev.coffer.kube.EventRecorder;
import dev.coffer.metrics.SyncMetrics;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.store.ClientCache;
import dev.coffer.store.ClusterSecretStoreReconciler;
import dev.coffer.store.ControllerClass;
import dev.coffer.store.SecretStoreReconciler;
import dev.coffer.store.StoreReconciliation;
import dev.coffer.store.StoreValidator;
import dev.coffer.sync.ExternalSecretReconciler;
import dev.coffer.sync.GoTemplater;
import dev.coffer.failure.RetryBackoff;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;

/**
 * One Coffer operator process, as far as the fault suite needs one: the production store and
 * ExternalSecret reconcilers on a plain JOSDK operator with its own client. Two things differ
 * from the defaults, both bounds rather than switches: the retry backoff runs from 100 ms to
 * {@link #BACKOFF_MAX} (not 1 s to 7 min), and the client retries a failed call twice (not ten
 * times), so that a test sees a fault reach the reconciler within seconds.
 */
final class CofferUnderFault implements AutoCloseable {

    static final Duration BACKOFF_MAX = Duration.ofSeconds(2);

    private final Config config;
    private final java.util.function.Supplier<ProviderRegistry> providers;
    private SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private KubernetesClient client;
    private Operator operator;
    private ClientCache cache;

    CofferUnderFault(Config apiServer) {
        this(apiServer, ProviderRegistry::standard);
    }

    /** With providers of the test's making (pointed at local fakes, as the store settings of production would). */
    CofferUnderFault(Config apiServer, java.util.function.Supplier<ProviderRegistry> providers) {
        this.providers = providers;
        this.config = new ConfigBuilder(apiServer).withRequestRetryBackoffLimit(2).withRequestRetryBackoffInterval(50)
                .withCustomHeaders(null).build();
    }

    /** Starts the operator (again, after {@link #stop()}: a restart, with nothing kept in memory). */
    CofferUnderFault start() {
        meters = new SimpleMeterRegistry(); // a new process starts its metrics from nothing
        client = new KubernetesClientBuilder().withConfig(config).build();
        ProviderRegistry registry = providers.get();
        cache = new ClientCache();
        var kube = new ApiServerKubeAccess(client);
        var events = new EventRecorder(client, "coffer");
        var stores = new StoreReconciliation(new StoreValidator(registry, cache), kube, events);
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false));
        operator.register(new SecretStoreReconciler(stores));
        operator.register(new ClusterSecretStoreReconciler(stores));
        operator.register(new ExternalSecretReconciler(client, registry, cache, kube, events, new SyncMetrics(meters),
                new GoTemplater(), ControllerClass.NONE, new RetryBackoff(Duration.ofMillis(100), BACKOFF_MAX), dev.coffer.audit.AuditTrail.OFF));
        operator.start();
        return this;
    }

    void stop() {
        if (operator != null) {
            operator.stop();
            cache.close();
            client.close();
            operator = null;
        }
    }

    /** Sync attempts that failed, for one ExternalSecret (the operator's own metric). */
    double syncErrors(String name) {
        var g = meters.find("externalsecret_sync_calls_error").tags("name", name).gauge();
        return g == null ? 0 : g.value();
    }

    /** Sync attempts, for one ExternalSecret. */
    double syncCalls(String name) {
        Counter c = meters.find("externalsecret_sync_calls_total").tags("name", name).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        stop();
    }
}
