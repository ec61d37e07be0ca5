package dev.coffer.config;

import dev.coffer.kube.ApiServerKubeAccess;
import dev.coffer.kube.EventRecorder;
import dev.coffer.metrics.SealingMetrics;
import dev.coffer.metrics.SyncMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import dev.coffer.provider.KubeAccess;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.store.ClientCache;
import dev.coffer.store.ControllerClass;
import dev.coffer.store.StoreReconciliation;
import dev.coffer.store.StoreValidator;
import dev.coffer.sync.Templaters;
import dev.coffer.sync.SecretTemplater;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * Wires the plain-Java core into the operator. The core has no CDI in it, so the short-lived
 * commands build the same objects by hand.
 */
@Singleton
public class OperatorBeans {

    @Produces
    @Singleton
    ProviderRegistry providerRegistry() {
        return ProviderRegistry.standard();
    }

    @Produces
    @Singleton
    ClientCache clientCache() {
        return new ClientCache();
    }

    void closeClients(@Disposes ClientCache cache) {
        cache.close();
    }

    @Produces
    @Singleton
    KubeAccess kubeAccess(KubernetesClient client) {
        return new ApiServerKubeAccess(client);
    }

    /** Events are sent off the reconcile threads, as upstream's are: a sync does not wait for its Event. */
    @Produces
    @Singleton
    EventRecorder eventRecorder(KubernetesClient client) {
        return EventRecorder.queued(client, "coffer");
    }

    void flushEvents(@Disposes EventRecorder events) {
        events.close();
    }

    @Produces
    @Singleton
    StoreValidator storeValidator(ProviderRegistry registry, ClientCache cache) {
        return new StoreValidator(registry, cache);
    }

    @Produces
    @Singleton
    StoreReconciliation storeReconciliation(StoreValidator validator, KubeAccess kube, EventRecorder events,
            @ConfigProperty(name = "coffer.store.revalidation-interval", defaultValue = "5m") Duration revalidation,
            ControllerClass controllerClass) {
        return new StoreReconciliation(validator, kube, events, revalidation, controllerClass);
    }

    /** ESO's --controller-class: empty (the default) serves only stores without spec.controller. */
    @Produces
    @Singleton
    ControllerClass controllerClass(@ConfigProperty(name = "coffer.controller-class") Optional<String> name) {
        return new ControllerClass(name.orElse(""));
    }

    /**
     * The per-resource series go straight to the Prometheus registry that /metrics serves, not
     * through Quarkus's composite: the composite keeps a second meter, with its own id, tags and
     * child map, for each of them (measured: about 1 KB per ExternalSecret).
     */
    @Produces
    @Singleton
    SyncMetrics syncMetrics(PrometheusMeterRegistry registry) {
        return new SyncMetrics(registry);
    }

    @Produces
    @Singleton
    SealingMetrics sealingMetrics(PrometheusMeterRegistry registry) {
        return new SealingMetrics(registry);
    }

    @Produces
    @Singleton
    SecretTemplater secretTemplater() {
        return Templaters.standard();
    }
}
