package dev.coffer.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.kube.EventRecorder;
import dev.coffer.rollout.RolloutSettings;
import dev.coffer.rollout.RolloutWatcher;
import dev.coffer.testsupport.MutableClock;
import dev.coffer.testsupport.RolloutFixtures;
import dev.coffer.testsupport.kubernetes.MockApiServer;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.coffer.deploy.CofferChart.ofKind;
import static dev.coffer.deploy.CofferChart.one;
import static dev.coffer.deploy.CofferChart.render;
import static dev.coffer.testsupport.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart's {@code rollouts.*} settings: off by default with no grant on workloads; on, the
 * settings reach the application config and RBAC grants exactly what the {@link RolloutWatcher}
 * uses (checked both ways against the requests it makes on the mock API server).
 */
class RolloutChartTest {

    static final String AGENT = "coffer-rollouts-rbac";
    static final String ROLE = CofferChart.RELEASE + "-rollouts";

    @Test
    void offByDefaultWithNoGrantOnWorkloads() {
        List<ObjectNode> docs = render(Map.of());
        assertThat(config(docs)).doesNotContain("coffer.rollouts");
        assertThat(docs.toString()).doesNotContain("\"deployments\"", "\"statefulsets\"", "\"daemonsets\"", ROLE);
    }

    @Test
    void onClusterWideByDefault() {
        List<ObjectNode> docs = render(Map.of("rollouts.enabled", true, "rollouts.debounce", "10s"));
        assertThat(config(docs)).contains("coffer.rollouts.enabled=true", "coffer.rollouts.debounce=10s")
                .doesNotContain("coffer.rollouts.namespaces");
        assertThat(ofKind(docs, "ClusterRole")).extracting(r -> r.at("/metadata/name").asText()).contains(ROLE);
        assertThat(ofKind(docs, "Role")).extracting(r -> r.at("/metadata/name").asText()).doesNotContain(ROLE);
    }

    @Test
    void limitedToNamespacesWithRolesThere() {
        List<ObjectNode> own = render(Map.of("rollouts.enabled", true, "rollouts.namespaces[0]", "team-a"));
        assertThat(config(own)).contains("coffer.rollouts.namespaces=team-a");
        assertThat(rolloutRoles(own)).containsExactly("team-a");
        assertThat(ofKind(own, "ClusterRole")).extracting(r -> r.at("/metadata/name").asText()).doesNotContain(ROLE);

        List<ObjectNode> inherited = render(Map.of("rollouts.enabled", true,
                "watchNamespaces[0]", "team-b", "watchNamespaces[1]", "team-c"));
        assertThat(config(inherited)).contains("coffer.rollouts.namespaces=team-b,team-c");
        assertThat(rolloutRoles(inherited)).containsExactly("team-b", "team-c");
    }

    @Test
    void schemaRejectsBadSettings() {
        assertThatThrownBy(() -> render(Map.of("rollouts.debounce", "soon"))).hasMessageContaining("debounce");
        assertThatThrownBy(() -> render(Map.of("rollouts.enabled", "yes"))).hasMessageContaining("enabled");
        assertThatThrownBy(() -> render(Map.of("rollouts.interval", "5s"))).hasMessageContaining("interval");
    }

    @Test
    void theGrantsAreExactlyWhatTheWatcherUses() throws InterruptedException {
        List<RbacRules.Grant> grants = RbacRules.grants(render(Map.of("rollouts.enabled", true)),
                CofferChart.RELEASE, CofferChart.NAMESPACE).stream().filter(g -> g.role().equals(ROLE)).toList();
        assertThat(grants).isNotEmpty();

        Set<ApiRequest> used = new LinkedHashSet<>();
        try (MockApiServer server = MockApiServer.http();
             KubernetesClient operator = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                     .withMasterUrl(server.url()).withUserAgent(AGENT).withNamespace("default").build()).build()) {
            KubernetesClient test = server.admin();
            RolloutFixtures.createSecret(test, "apps", "db", Map.of("password", "one"), null);
            RolloutFixtures.createSecret(test, "apps", "tls", Map.of("password", "one"), null);
            for (String kind : List.of("Deployment", "StatefulSet", "DaemonSet")) {
                test.resource(RolloutFixtures.workload(kind, "apps", "web", "{reloader.stakater.com/auto: \"true\"}",
                        "db", "tls")).create();
            }
            MutableClock clock = new MutableClock();
            try (RolloutWatcher watcher = new RolloutWatcher(operator, new EventRecorder(operator, "coffer"),
                    new RolloutSettings(List.of(), Duration.ofSeconds(1)), clock, () -> true)) {
                watcher.start();
                await().until(watcher::hasSynced);
                RolloutFixtures.setData(test, "apps", "db", Map.of("password", "two"));
                await().until(() -> watcher.pending() == 3);
                clock.advance(Duration.ofSeconds(1));
                assertThat(watcher.tick()).isEqualTo(3);
            }
            for (RecordedRequest r : server.takeRequests()) {
                String agent = r.getHeader("User-Agent");
                ApiRequest parsed = ApiRequest.parse(r.getMethod(), r.getPath());
                if (agent != null && agent.contains(AGENT) && parsed != null) {
                    used.add(parsed);
                }
            }
        }
        assertThat(used.stream().filter(r -> grants.stream().noneMatch(g -> g.allows(r))))
                .as("requests the rollout grants would deny").isEmpty();
        assertThat(grants.stream().filter(g -> used.stream().noneMatch(g::allows)))
                .as("rollout grants never used (requests seen: %s)", used).isEmpty();
    }

    private static List<String> rolloutRoles(List<ObjectNode> docs) {
        return ofKind(docs, "Role").stream().filter(r -> r.at("/metadata/name").asText().equals(ROLE))
                .map(r -> r.at("/metadata/namespace").asText()).toList();
    }

    private static String config(List<ObjectNode> docs) {
        return one(docs, "ConfigMap").at("/data/application.properties").asText();
    }
}
