package dev.coffer.config;

import dev.coffer.shard.Shards;
import dev.coffer.shard.StaticShards;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LeadershipTest {

    @Test
    void withoutElectionTheOneInstanceLeads() {
        Leadership leadership = new Leadership();
        assertThat(new LeaderElection().leaderElection(false, "coffer-leader", Optional.empty(), Optional.empty(),
                Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), leadership, Shards.OFF)).isNull();
        assertThat(leadership.leading()).isTrue();
    }

    @Test
    void withElectionOnlyBetweenTheCallbacksJosdkCalls() {
        Leadership leadership = new Leadership();
        var config = new LeaderElection().leaderElection(true, "coffer-leader", Optional.of("coffer-system"),
                Optional.of("me"), Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), leadership, Shards.OFF);
        assertThat(leadership.leading()).as("a standby until elected").isFalse();
        var callbacks = config.getLeaderCallbacks().orElseThrow();
        callbacks.onStartLeading();
        assertThat(leadership.leading()).isTrue();
        callbacks.onStopLeading();
        assertThat(leadership.leading()).isFalse();
    }

    @Test
    void withShardingThereIsNoElectionAndTheShardsPickTheRolloutLeader() {
        Leadership first = new Leadership();
        Leadership second = new Leadership();
        Shards shard0 = new StaticShards(0, 2);
        Shards shard1 = new StaticShards(1, 2);
        assertThat(new LeaderElection().leaderElection(true, "coffer-leader", Optional.empty(), Optional.of("me"),
                Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), first, shard0))
                .as("the election would gate every controller").isNull();
        first.followShards(new dev.coffer.shard.Sharding(shard0)::leadsRollouts);
        second.followShards(new dev.coffer.shard.Sharding(shard1)::leadsRollouts);
        assertThat(first.leading()).isNotEqualTo(second.leading());
    }
}
