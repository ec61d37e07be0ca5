package dev.coffer.store;

import dev.coffer.api.externalsecrets.v1.ClusterSecretStoreCondition;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Whether a ClusterSecretStore may serve a namespace (pure). No conditions: every namespace.
 * Otherwise the namespace must match at least one condition; within one condition, any of its
 * selector, names or regexes matching is enough, as upstream.
 */
public final class NamespaceConditions {

    private NamespaceConditions() {
    }

    public static boolean allows(List<ClusterSecretStoreCondition> conditions, String namespace, Map<String, String> labels) {
        if (conditions == null || conditions.isEmpty()) {
            return true;
        }
        for (ClusterSecretStoreCondition c : conditions) {
            if (c == null) {
                continue;
            }
            if (c.namespaces != null && c.namespaces.contains(namespace)) {
                return true;
            }
            if (c.namespaceRegexes != null && c.namespaceRegexes.stream().anyMatch(r -> matches(r, namespace))) {
                return true;
            }
            if (c.namespaceSelector != null && selects(c.namespaceSelector, labels == null ? Map.of() : labels)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String regex, String namespace) {
        try {
            return Pattern.compile(regex).matcher(namespace).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    public static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String value = labels.get(r.getKey());
                List<String> values = r.getValues() == null ? List.of() : r.getValues();
                boolean ok = switch (r.getOperator()) {
                    case "In" -> value != null && values.contains(value);
                    case "NotIn" -> value == null || !values.contains(value);
                    case "Exists" -> labels.containsKey(r.getKey());
                    case "DoesNotExist" -> !labels.containsKey(r.getKey());
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
