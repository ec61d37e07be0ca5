package dev.coffer.store;

import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.ClusterSecretStoreCondition;
import dev.coffer.testsupport.TestResources;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NamespaceConditionsTest {

    private static List<ClusterSecretStoreCondition> conditions(String yaml) {
        ClusterSecretStore css = TestResources.fakeClusterStore("css", Map.of("k", "v"), yaml.indent(2));
        return css.getSpec().conditions;
    }

    @Test
    void noConditionsAllowEveryNamespace() {
        assertThat(NamespaceConditions.allows(null, "anything", Map.of())).isTrue();
        assertThat(NamespaceConditions.allows(List.of(), "anything", null)).isTrue();
    }

    @Test
    void namesMatchExactly() {
        var c = conditions("""
                conditions:
                  - namespaces: [team-a, team-b]
                """);
        assertThat(c).hasSize(1);
        assertThat(NamespaceConditions.allows(c, "team-a", Map.of())).isTrue();
        assertThat(NamespaceConditions.allows(c, "team-b", Map.of())).isTrue();
        assertThat(NamespaceConditions.allows(c, "team-c", Map.of())).isFalse();
        assertThat(NamespaceConditions.allows(c, "team-a-dev", Map.of())).isFalse();
    }

    @Test
    void regexesMatchLikeGoMatchString() {
        var c = conditions("""
                conditions:
                  - namespaceRegexes: ["^team-.*-prod$", "sandbox"]
                """);
        assertThat(NamespaceConditions.allows(c, "team-a-prod", Map.of())).isTrue();
        assertThat(NamespaceConditions.allows(c, "team-a-dev", Map.of())).isFalse();
        // unanchored: a match anywhere counts
        assertThat(NamespaceConditions.allows(c, "my-sandbox-1", Map.of())).isTrue();
    }

    @Test
    void invalidRegexMatchesNothing() {
        var c = conditions("""
                conditions:
                  - namespaceRegexes: ["(["]
                """);
        assertThat(NamespaceConditions.allows(c, "([", Map.of())).isFalse();
    }

    @Test
    void matchLabels() {
        var c = conditions("""
                conditions:
                  - namespaceSelector:
                      matchLabels: {env: prod, team: a}
                """);
        assertThat(NamespaceConditions.allows(c, "ns", Map.of("env", "prod", "team", "a", "extra", "x"))).isTrue();
        assertThat(NamespaceConditions.allows(c, "ns", Map.of("env", "prod"))).isFalse();
        assertThat(NamespaceConditions.allows(c, "ns", Map.of("env", "dev", "team", "a"))).isFalse();
        assertThat(NamespaceConditions.allows(c, "ns", null)).isFalse();
    }

    @Test
    void matchExpressionsIn() {
        var c = conditions("""
                conditions:
                  - namespaceSelector:
                      matchExpressions:
                        - {key: env, operator: In, values: [prod, staging]}
                """);
        assertThat(NamespaceConditions.allows(c, "ns", Map.of("env", "prod"))).isTrue();
        assertThat(NamespaceConditions.allows(c, "ns", Map.of("env", "staging"))).isTrue();
        assertThat(NamespaceConditions.allows(c, "ns", Map.of("env", "dev"))).isFalse();
        assertThat(NamespaceConditions.allows(c, "ns", Map.of())).isFalse();
    }

    @Test
    void matchExpressionsNotIn() {
        var c = conditions("""
                conditions:
                  - namespaceSelector:
                      matchExpressions:
                        - {key: env, operator: NotIn, values: [dev]}
                """);
        assertThat(NamespaceConditions.allows(c, "ns", Map.of("env", "prod"))).isTrue();
        assertThat(NamespaceConditions.allows(c, "ns", Map.of("env", "dev"))).isFalse();
        // Kubernetes: NotIn matches when the label is absent
        assertThat(NamespaceConditions.allows(c, "ns", Map.of())).isTrue();
    }

    @Test
    void matchExpressionsExistsAndDoesNotExist() {
        var exists = conditions("""
                conditions:
                  - namespaceSelector:
                      matchExpressions:
                        - {key: secrets-allowed, operator: Exists}
                """);
        assertThat(NamespaceConditions.allows(exists, "ns", Map.of("secrets-allowed", ""))).isTrue();
        assertThat(NamespaceConditions.allows(exists, "ns", Map.of("other", "x"))).isFalse();
        var absent = conditions("""
                conditions:
                  - namespaceSelector:
                      matchExpressions:
                        - {key: restricted, operator: DoesNotExist}
                """);
        assertThat(NamespaceConditions.allows(absent, "ns", Map.of("other", "x"))).isTrue();
        assertThat(NamespaceConditions.allows(absent, "ns", Map.of("restricted", "true"))).isFalse();
    }

    @Test
    void labelsAndExpressionsMustAllHold() {
        var c = conditions("""
                conditions:
                  - namespaceSelector:
                      matchLabels: {env: prod}
                      matchExpressions:
                        - {key: team, operator: In, values: [a]}
                """);
        assertThat(NamespaceConditions.allows(c, "ns", Map.of("env", "prod", "team", "a"))).isTrue();
        assertThat(NamespaceConditions.allows(c, "ns", Map.of("env", "prod", "team", "b"))).isFalse();
        assertThat(NamespaceConditions.allows(c, "ns", Map.of("team", "a"))).isFalse();
    }

    @Test
    void unknownOperatorMatchesNothing() {
        var c = conditions("""
                conditions:
                  - namespaceSelector:
                      matchExpressions:
                        - {key: env, operator: Gt, values: ["1"]}
                """);
        assertThat(NamespaceConditions.allows(c, "ns", Map.of("env", "2"))).isFalse();
    }

    @Test
    void anyConditionAndAnyPartOfAConditionIsEnough() {
        var c = conditions("""
                conditions:
                  - namespaces: [team-a]
                    namespaceSelector:
                      matchLabels: {env: prod}
                  - namespaceRegexes: ["^ops-"]
                """);
        assertThat(NamespaceConditions.allows(c, "team-a", Map.of())).isTrue();
        assertThat(NamespaceConditions.allows(c, "team-z", Map.of("env", "prod"))).isTrue();
        assertThat(NamespaceConditions.allows(c, "ops-1", Map.of())).isTrue();
        assertThat(NamespaceConditions.allows(c, "team-z", Map.of("env", "dev"))).isFalse();
    }
}
