package dev.coffer.fanout;

import dev.coffer.store.NamespaceConditions;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which namespaces a cluster-wide resource stamps into: those matching any of its selectors
 * (ORed, the deprecated single selector among them) or named outright, minus the terminating
 * ones (an object created there would be refused, or would hold the namespace up). Pure.
 */
final class NamespaceSelection {

    private NamespaceSelection() {
    }

    static TreeSet<String> select(List<Namespace> all, List<LabelSelector> selectors, List<String> names) {
        TreeSet<String> out = new TreeSet<>();
        for (Namespace ns : all) {
            if (terminating(ns)) {
                continue;
            }
            String name = ns.getMetadata().getName();
            Map<String, String> labels = ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
            boolean named = names != null && names.contains(name);
            boolean selected = selectors.stream().filter(Objects::nonNull).anyMatch(s -> NamespaceConditions.selects(s, labels));
            if (named || selected) {
                out.add(name);
            }
        }
        return out;
    }

    static boolean terminating(Namespace ns) {
        return ns.getMetadata().getDeletionTimestamp() != null
                || (ns.getStatus() != null && "Terminating".equals(ns.getStatus().getPhase()));
    }
}
