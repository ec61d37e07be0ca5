package dev.coffer.shard;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds this replica's {@link Shards} from {@code coffer.shard.*}: {@code mode} off (the default:
 * one replica does everything), {@code static} (a fixed {@code index} of {@code count}; without an
 * index, the StatefulSet ordinal that ends the pod name) or {@code lease} (live replicas by Lease).
 */
@Singleton
public class ShardBeans {

    private static final Pattern ORDINAL = Pattern.compile("-(\\d+)$");

    /** Lease mode's own client (see {@link #shards}); closed once the Lease is deleted. */
    private KubernetesClient leaseClient;

    @Produces
    @Singleton
    Shards shards(KubernetesClient client,
                  @ConfigProperty(name = "coffer.shard.mode", defaultValue = "off") String mode,
                  @ConfigProperty(name = "coffer.shard.index") Optional<Integer> index,
                  @ConfigProperty(name = "coffer.shard.count", defaultValue = "1") int count,
                  @ConfigProperty(name = "coffer.shard.identity") Optional<String> identity,
                  @ConfigProperty(name = "coffer.shard.namespace", defaultValue = "coffer-system") String namespace,
                  @ConfigProperty(name = "coffer.shard.lease-duration", defaultValue = "15s") Duration leaseDuration,
                  @ConfigProperty(name = "coffer.shard.renew-deadline", defaultValue = "10s") Duration renewDeadline,
                  @ConfigProperty(name = "coffer.shard.retry-period", defaultValue = "2s") Duration retryPeriod) {
        switch (mode) {
            case "off":
                return Shards.OFF;
            case "static":
                return new StaticShards(index.orElseGet(() -> ordinal(identity.orElse(""))), count);
            case "lease":
                // A client of its own: on shutdown JOSDK closes the operator's client when it stops (from its
                // own JVM hook, in parallel with Quarkus's), and the Lease must still be deleted after that.
                leaseClient = new KubernetesClientBuilder().withConfig(client.getConfiguration()).build();
                LeaseShards shards = new LeaseShards(leaseClient, namespace, identity.orElse(""),
                        new LeaseShards.Timing(leaseDuration, renewDeadline, retryPeriod), Clock.systemUTC());
                shards.start();
                return shards;
            default:
                throw new IllegalArgumentException("coffer.shard.mode must be off, static or lease, not '" + mode + "'");
        }
    }

    void release(@Disposes Shards shards) {
        if (shards instanceof LeaseShards lease) {
            lease.close();
            leaseClient.close();
        }
    }

    /** The ordinal a StatefulSet gives its pods: {@code coffer-2} is index 2. */
    static int ordinal(String podName) {
        Matcher m = ORDINAL.matcher(podName);
        if (!m.find()) {
            throw new IllegalArgumentException("coffer.shard.mode=static needs coffer.shard.index, or a pod name ending in "
                    + "a StatefulSet ordinal (got '" + podName + "')");
        }
        return Integer.parseInt(m.group(1));
    }
}
