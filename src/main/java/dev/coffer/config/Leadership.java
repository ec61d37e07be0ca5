package dev.coffer.config;

import jakarta.inject.Singleton;

import java.util.function.BooleanSupplier;

/**
 * Whether this instance leads. Work that runs beside the JOSDK controllers (rollout restarts)
 * asks it before acting, so that of several replicas only the leader acts, as only the leader
 * reconciles. Without leader election, the one instance always leads. With sharding on, every
 * replica reconciles its share and one of them, chosen by the shards, does the rollouts.
 */
@Singleton
public class Leadership {

    private volatile boolean electionEnabled;
    private volatile boolean leading;
    private volatile BooleanSupplier shardDuty;

    /** Called when the election is configured: from then on, leading only between start and stop. */
    void electionEnabled() {
        electionEnabled = true;
    }

    /** With sharding on there is no election: the replica the shards give the rollout duties to leads. */
    void followShards(BooleanSupplier duty) {
        shardDuty = duty;
    }

    void started() {
        leading = true;
    }

    void stopped() {
        leading = false;
    }

    public boolean leading() {
        BooleanSupplier duty = shardDuty;
        if (duty != null) {
            return duty.getAsBoolean();
        }
        return !electionEnabled || leading;
    }
}
