package dev.coffer.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LeadershipTest {

    @Test
    void withoutElectionTheOneInstanceLeads() {
        Leadership leadership = new Leadership();
        assertThat(new LeaderElection().leaderElection(false, "coffer-leader", Optional.empty(), Optional.empty(),
                Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), leadership)).isNull();
        assertThat(leadership.leading()).isTrue();
    }

    @Test
    void withElectionOnlyBetweenTheCallbacksJosdkCalls() {
        Leadership leadership = new Leadership();
        var config = new LeaderElection().leaderElection(true, "coffer-leader", Optional.of("coffer-system"),
                Optional.of("me"), Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), leadership);
        assertThat(leadership.leading()).as("a standby until elected").isFalse();
        var callbacks = config.getLeaderCallbacks().orElseThrow();
        callbacks.onStartLeading();
        assertThat(leadership.leading()).isTrue();
        callbacks.onStopLeading();
        assertThat(leadership.leading()).isFalse();
    }
}
