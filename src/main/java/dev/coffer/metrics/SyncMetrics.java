package dev.coffer.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ExternalSecret metrics under the names upstream dashboards use. Labels carry names and
 * namespaces only, never values.
 */
public final class SyncMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> conditionGauges = new ConcurrentHashMap<>();

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void syncCall(String namespace, String name) {
        registry.counter("externalsecret_sync_calls_total", "name", name, "namespace", namespace).increment();
    }

    /** ESO's name has no {@code _total}: exported as a monotonic gauge, see {@link EsoMeters}. */
    public void syncError(String namespace, String name) {
        EsoMeters.increment(registry, "externalsecret_sync_calls_error", "Total number of the External Secret sync errors",
                Tags.of("name", name, "namespace", namespace));
    }

    /** ESO's gauge: the duration of the last reconcile, in seconds. */
    public void reconcileDuration(String namespace, String name, Duration d) {
        EsoMeters.set(registry, "externalsecret_reconcile_duration", "The duration time to reconcile the External Secret",
                Tags.of("name", name, "namespace", namespace), d.toNanos() / 1e9);
    }

    /** Sets the Ready condition gauge: 1 for the current status, 0 for the other. */
    public void readyCondition(String namespace, String name, boolean ready) {
        gauge(namespace, name, "True").set(ready ? 1 : 0);
        gauge(namespace, name, "False").set(ready ? 0 : 1);
    }

    private AtomicInteger gauge(String namespace, String name, String status) {
        String key = namespace + "/" + name + "/" + status;
        return conditionGauges.computeIfAbsent(key, k -> registry.gauge("externalsecret_status_condition",
                Tags.of("name", name, "namespace", namespace, "condition", "Ready", "status", status), new AtomicInteger()));
    }

    /** Drops every series of a deleted ExternalSecret (upstream deletes them too). */
    public void forget(String namespace, String name) {
        for (String status : new String[] {"True", "False"}) {
            AtomicInteger g = conditionGauges.remove(namespace + "/" + name + "/" + status);
            if (g != null) {
                registry.find("externalsecret_status_condition").tags("name", name, "namespace", namespace, "status", status)
                        .gauges().forEach(registry::remove);
            }
        }
        Tags self = Tags.of("name", name, "namespace", namespace);
        EsoMeters.remove(registry, "externalsecret_reconcile_duration", self);
        EsoMeters.remove(registry, "externalsecret_sync_calls_error", self);
        registry.find("externalsecret_sync_calls_total").tags(self).meters().forEach(registry::remove);
    }
}
