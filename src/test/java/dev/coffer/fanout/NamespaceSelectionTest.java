package dev.coffer.fanout;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NamespaceSelectionTest {

    private static Namespace ns(String name, Map<String, String> labels, boolean terminating) {
        var b = new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata();
        if (terminating) {
            b.withNewStatus().withPhase("Terminating").endStatus();
        }
        return b.build();
    }

    @Test
    void selectorsAreOredWithNamesAndTerminatingNamespacesAreSkipped() {
        List<Namespace> all = List.of(ns("a", Map.of("team", "x"), false), ns("b", Map.of("env", "prod"), false),
                ns("c", Map.of(), false), ns("d", Map.of("team", "x"), true), ns("e", Map.of(), false));
        var selectors = new ArrayList<io.fabric8.kubernetes.api.model.LabelSelector>();
        selectors.add(new LabelSelectorBuilder().addToMatchLabels("team", "x").build());
        selectors.add(new LabelSelectorBuilder().addNewMatchExpression().withKey("env").withOperator("In")
                .withValues("prod").endMatchExpression().build());
        assertThat(NamespaceSelection.select(all, selectors, List.of("c", "d"))).containsExactly("a", "b", "c");
    }

    @Test
    void noSelectorAndNoNamesSelectNothingAnEmptySelectorSelectsAll() {
        List<Namespace> all = List.of(ns("a", Map.of(), false), ns("b", Map.of("k", "v"), false));
        assertThat(NamespaceSelection.select(all, List.of(), null)).isEmpty();
        assertThat(NamespaceSelection.select(all, List.of(new LabelSelectorBuilder().build()), null)).containsExactly("a", "b");
    }
}
