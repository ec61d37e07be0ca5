package dev.coffer.config;

import jakarta.inject.Singleton;

/**
 * Whether this instance leads. Work that runs beside the JOSDK controllers (rollout restarts)
 * asks it before acting, so that of several replicas only the leader acts, as only the leader
 * reconciles. Without leader election, the one instance always leads.
 */
@Singleton
public class Leadership {

    private volatile boolean electionEnabled;
    private volatile boolean leading;

    /** Called when the election is configured: from then on, leading only between start and stop. */
    void electionEnabled() {
        electionEnabled = true;
    }

    void started() {
        leading = true;
    }

    void stopped() {
        leading = false;
    }

    public boolean leading() {
        return !electionEnabled || leading;
    }
}
