package dev.coffer.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Meters under exactly ESO's names. ESO (Prometheus' Go client) exports some counters without
 * a {@code _total} suffix, such as {@code externalsecret_sync_calls_error} and
 * {@code externalsecret_provider_api_calls_count}, and {@code externalsecret_reconcile_duration}
 * as a gauge. Micrometer's Prometheus registry appends {@code _total} to every counter and a
 * unit to every timer, so those are exported here as gauges: a monotonic count (which
 * {@code rate()} and {@code increase()} treat like a counter) or the last value. Names that
 * already end in {@code _total} stay real counters.
 */
public final class EsoMeters {

    private static final Map<MeterRegistry, Map<List<Object>, DoubleAdder>> COUNTS =
            Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<MeterRegistry, Map<List<Object>, AtomicReference<Double>>> VALUES =
            Collections.synchronizedMap(new WeakHashMap<>());

    private EsoMeters() {
    }

    /** Adds one to a count exported under exactly {@code name}. */
    public static void increment(MeterRegistry registry, String name, String description, Tags tags) {
        COUNTS.computeIfAbsent(registry, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(List.of(name, tags), k -> {
                    DoubleAdder count = new DoubleAdder();
                    Gauge.builder(name, count, DoubleAdder::sum).description(description).tags(tags)
                            .strongReference(true).register(registry);
                    return count;
                }).add(1);
    }

    /** Sets a value exported under exactly {@code name}. */
    public static void set(MeterRegistry registry, String name, String description, Tags tags, double value) {
        VALUES.computeIfAbsent(registry, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(List.of(name, tags), k -> {
                    AtomicReference<Double> v = new AtomicReference<>(0.0);
                    Gauge.builder(name, v, AtomicReference::get).description(description).tags(tags)
                            .strongReference(true).register(registry);
                    return v;
                }).set(value);
    }

    /** Drops the meters of {@code name} with these tags. */
    public static void remove(MeterRegistry registry, String name, Tags tags) {
        Map<List<Object>, DoubleAdder> counts = COUNTS.get(registry);
        if (counts != null) {
            counts.remove(List.of(name, tags));
        }
        Map<List<Object>, AtomicReference<Double>> values = VALUES.get(registry);
        if (values != null) {
            values.remove(List.of(name, tags));
        }
        registry.find(name).tags(tags).meters().forEach(registry::remove);
    }
}
