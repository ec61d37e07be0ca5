package dev.coffer.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Sealed Secrets controller's metrics under upstream's names, so existing dashboards keep
 * working: unseal requests, unseal errors by reason and namespace, and the Synced condition of
 * each SealedSecret (1 True, 0 False). Labels carry names only, never values.
 */
public final class SealingMetrics {

    /** Upstream's error reasons. */
    public static final String UNSEAL = "unseal";
    public static final String UNMANAGED = "unmanaged";
    public static final String UPDATE = "update";

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> conditions = new ConcurrentHashMap<>();

    public SealingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void unsealRequest() {
        registry.counter("sealed_secrets_controller_unseal_requests_total").increment();
    }

    public void unsealError(String reason, String namespace) {
        registry.counter("sealed_secrets_controller_unseal_errors_total", "reason", reason, "namespace", namespace).increment();
    }

    /** Drops the condition series of a deleted SealedSecret. */
    public void forget(String namespace, String name) {
        if (conditions.remove(namespace + "/" + name) != null) {
            registry.find("sealed_secrets_controller_condition_info").tags("name", name, "namespace", namespace)
                    .gauges().forEach(registry::remove);
        }
    }

    public void synced(String namespace, String name, boolean synced) {
        conditions.computeIfAbsent(namespace + "/" + name, k -> registry.gauge("sealed_secrets_controller_condition_info",
                Tags.of("name", name, "namespace", namespace, "condition", "Synced"), new AtomicInteger()))
                .set(synced ? 1 : 0);
    }
}
