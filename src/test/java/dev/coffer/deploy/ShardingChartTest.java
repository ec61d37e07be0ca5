package dev.coffer.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.coffer.deploy.CofferChart.ofKind;
import static dev.coffer.deploy.CofferChart.one;
import static dev.coffer.deploy.CofferChart.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart's {@code sharding.*} settings: off by default (today's Deployment, no shard config,
 * no grant on leases beyond leader election's); {@code lease} turns leader election off and grants
 * what {@code LeaseShards} does with Leases; {@code static} runs a StatefulSet whose ordinals are
 * the shard indexes.
 */
class ShardingChartTest {

    @Test
    void offByDefault() {
        List<ObjectNode> docs = render(Map.of("replicaCount", 2));
        assertThat(config(docs)).doesNotContain("coffer.shard").contains("coffer.leader-election.enabled=true");
        assertThat(ofKind(docs, "StatefulSet")).isEmpty();
        assertThat(one(docs, "Deployment").at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void leaseModeSharesTheWorkWithoutElection() {
        List<ObjectNode> docs = render(Map.of("replicaCount", 3, "sharding.mode", "lease", "sharding.leaseDuration", "20s"));
        assertThat(config(docs)).contains("coffer.shard.mode=lease", "coffer.shard.lease-duration=20s",
                "coffer.shard.renew-deadline=10s", "coffer.shard.retry-period=2s", "coffer.leader-election.enabled=false");
        ObjectNode deployment = one(docs, "Deployment");
        assertThat(deployment.at("/spec/strategy/type").asText()).as("replicas may overlap during a rollout").isNotEqualTo("Recreate");
        assertThat(leaseVerbs(docs)).containsExactlyInAnyOrder("get", "list", "create", "update", "delete");
    }

    @Test
    void staticModeRunsAStatefulSetOfShards() {
        List<ObjectNode> docs = render(Map.of("replicaCount", 4, "sharding.mode", "static"));
        assertThat(ofKind(docs, "Deployment")).isEmpty();
        ObjectNode set = one(docs, "StatefulSet");
        assertThat(set.at("/spec/replicas").asInt()).isEqualTo(4);
        assertThat(set.at("/spec/serviceName").asText()).isEqualTo(CofferChart.RELEASE + "-metrics");
        assertThat(set.at("/spec/strategy").isMissingNode()).isTrue();
        assertThat(config(docs)).contains("coffer.shard.mode=static", "coffer.shard.count=4", "coffer.leader-election.enabled=false")
                .doesNotContain("coffer.shard.lease-duration");
        assertThat(leaseVerbs(docs)).as("static mode needs no Lease").isEmpty();
    }

    @Test
    void anUnknownModeFailsTheRender() {
        assertThatThrownBy(() -> render(Map.of("sharding.mode", "ring"))).hasMessageContaining("sharding.mode");
    }

    private static List<String> leaseVerbs(List<ObjectNode> docs) {
        List<String> verbs = new ArrayList<>();
        for (ObjectNode role : ofKind(docs, "Role")) {
            for (JsonNode rule : role.path("rules")) {
                if (rule.path("resources").toString().contains("\"leases\"")) {
                    rule.path("verbs").forEach(v -> verbs.add(v.asText()));
                }
            }
        }
        return verbs;
    }

    private static String config(List<ObjectNode> docs) {
        return one(docs, "ConfigMap").at("/data/application.properties").asText();
    }
}
