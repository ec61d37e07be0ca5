package dev.coffer.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Pod injection's metrics: admission reviews answered, by outcome ({@code mutated},
 * {@code untouched}, {@code skipped}, {@code refused}), and renders served to agents of
 * {@code coffer.dev/inject} pods, by namespace and outcome ({@code success}, {@code denied},
 * {@code failure}). Labels carry names only, never values.
 */
public final class InjectMetrics {

    public static final String ADMISSIONS = "coffer_inject_admissions_total";
    public static final String RENDERS = "coffer_inject_renders_total";

    private final MeterRegistry registry;

    public InjectMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void admission(String outcome) {
        registry.counter(ADMISSIONS, "outcome", outcome).increment();
    }

    public void render(String namespace, String outcome) {
        registry.counter(RENDERS, "namespace", namespace, "outcome", outcome).increment();
    }
}
