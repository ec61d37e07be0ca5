package dev.coffer.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import dev.coffer.shard.Shards;

import java.time.Duration;
import java.util.Optional;

/**
 * Leader election on a {@code coordination.k8s.io} Lease, switched at run time by
 * {@code coffer.leader-election.enabled} (the chart turns it on when it runs more than one
 * replica). QOSDK looks this bean up when the operator starts; a null bean means no election.
 * A standby instance still starts its informers (so it is ready, and takes over with warm
 * caches) but does not reconcile until it holds the Lease.
 */
@Dependent
public class LeaderElection {

    public static final String DEFAULT_LEASE_NAME = "coffer-leader";
    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    @Produces
    @Dependent
    @Unremovable
    LeaderElectionConfiguration leaderElection(
            @ConfigProperty(name = "coffer.leader-election.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "coffer.leader-election.lease-name", defaultValue = DEFAULT_LEASE_NAME) String leaseName,
            @ConfigProperty(name = "coffer.leader-election.lease-namespace") Optional<String> leaseNamespace,
            @ConfigProperty(name = "coffer.leader-election.identity") Optional<String> identity,
            @ConfigProperty(name = "coffer.leader-election.lease-duration", defaultValue = "15s") Duration leaseDuration,
            @ConfigProperty(name = "coffer.leader-election.renew-deadline", defaultValue = "10s") Duration renewDeadline,
            @ConfigProperty(name = "coffer.leader-election.retry-period", defaultValue = "2s") Duration retryPeriod,
            Leadership leadership, Shards shards) {
        if (shards.enabled()) {
            // JOSDK's election gates every controller; with sharding each replica reconciles its own share
            if (enabled) {
                LOG.info("leader election is off: sharding (coffer.shard.mode) shares the work among the replicas");
            }
            return null;
        }
        if (!enabled) {
            return null;
        }
        leadership.electionEnabled();
        return configuration(leaseName, leaseNamespace.orElse(null), identity.orElse(null),
                new Timing(leaseDuration, renewDeadline, retryPeriod), true,
                new LeaderCallbacks(leadership::started, leadership::stopped, identityOfLeader -> { }));
    }

    /** The Lease's timing: how long a holder keeps it, how long it tries to renew, how often candidates retry. */
    public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    }

    /**
     * The one place the election is configured; the operator and the two-instance test use it.
     *
     * @param exitOnStopLeading true in production: an instance that lost the Lease exits, so it
     *                          can never reconcile next to the new leader, and is restarted as a standby
     */
    public static LeaderElectionConfiguration configuration(String leaseName, String leaseNamespace, String identity,
                                                            Timing timing, boolean exitOnStopLeading) {
        return configuration(leaseName, leaseNamespace, identity, timing, exitOnStopLeading, null);
    }

    /** As above, and {@code callbacks} (JOSDK calls them besides its own) tell {@link Leadership} when this instance leads. */
    static LeaderElectionConfiguration configuration(String leaseName, String leaseNamespace, String identity,
                                                     Timing timing, boolean exitOnStopLeading, LeaderCallbacks callbacks) {
        var builder = LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(leaseName)
                .withLeaseDuration(timing.leaseDuration())
                .withRenewDeadline(timing.renewDeadline())
                .withRetryPeriod(timing.retryPeriod());
        if (leaseNamespace != null && !leaseNamespace.isBlank()) {
            builder.withLeaseNamespace(leaseNamespace);
        }
        if (identity != null && !identity.isBlank()) {
            builder.withIdentity(identity);
        }
        if (callbacks != null) {
            builder.withLeaderCallbacks(callbacks);
        }
        // JOSDK only lets tests turn the exit off, through buildForTest.
        return exitOnStopLeading ? builder.build() : builder.buildForTest(false);
    }
}
