package dev.coffer.rollout;

import java.time.Duration;
import java.util.List;

/**
 * How rollout restarts run.
 *
 * @param namespaces the namespaces whose workloads and Secrets are watched; empty: all
 * @param debounce   Secret changes for one workload within this window give one rollout
 */
public record RolloutSettings(List<String> namespaces, Duration debounce) {

    public RolloutSettings {
        namespaces = List.copyOf(namespaces);
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("coffer.rollouts.debounce must not be negative: " + debounce);
        }
    }
}
