package dev.coffer.shard;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Membership by Kubernetes Leases: each replica holds its own Lease {@code coffer-shard-<identity>}
 * in the operator's namespace and renews it every retry period; the live members are the Leases
 * seen renewed within the lease duration. Resources are shared among them by rendezvous hashing.
 *
 * <p>Time is always this replica's own clock: a Lease is live while this replica has seen its
 * renew time change within the lease duration (as client-go's leader election does), so clock
 * skew between nodes does not matter.
 *
 * <p>The handoff rule, which keeps two replicas from reconciling one resource at once. Rendezvous
 * hashing moves only the resources of a member that joins or leaves, so only those can be
 * contested, and each direction has its own guard:
 * <ul>
 *   <li>Join: the others drop the newcomer's share as soon as they see its Lease (within one
 *   retry period), but the newcomer acts only once it has held its Lease for a whole lease
 *   duration. By then the others have stopped, and their reconciles in flight have ended.</li>
 *   <li>Leave or death: a replica stops acting when it has not renewed its Lease within the renew
 *   deadline, which is shorter than the lease duration after which the others take its share.
 *   A replica that comes back after such a gap joins again (and waits again). A replica that shuts
 *   down stops acting first, then deletes its Lease, so its share moves at once.</li>
 * </ul>
 * Between the two, a moving share is reconciled by nobody for up to a lease duration; never by two.
 */
public final class LeaseShards implements Shards, AutoCloseable {

    public static final String LEASE_PREFIX = "coffer-shard-";
    /** Label on every member Lease, so that one list finds them all. */
    public static final String MEMBER_LABEL = "coffer.dev/shard-member";

    private static final Logger LOG = Logger.getLogger(LeaseShards.class);

    /** How long a Lease lasts unrenewed, how long this replica acts without renewing, how often it renews and looks. */
    public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        public Timing {
            if (renewDeadline.compareTo(leaseDuration) >= 0 || retryPeriod.compareTo(renewDeadline) >= 0) {
                throw new IllegalArgumentException("shard lease timing must have retry-period < renew-deadline < lease-duration");
            }
        }
    }

    private record Observation(String holder, String renewTime, Instant seenAt, Duration duration) {
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String identity;
    private final Timing timing;
    private final Clock clock;
    private final List<BiConsumer<ShardRing, ShardRing>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Observation> observed = new HashMap<>();
    private Instant joinedAt;
    private volatile Instant renewedAt;
    private volatile ShardRing ring;
    private ScheduledExecutorService scheduler;
    private boolean warnedRenewal;

    public LeaseShards(KubernetesClient client, String namespace, String identity, Timing timing, Clock clock) {
        if (identity == null || identity.isBlank()) {
            throw new IllegalArgumentException("coffer.shard.mode=lease needs an identity (POD_NAME or coffer.shard.identity)");
        }
        this.client = client;
        this.namespace = namespace;
        this.identity = identity;
        this.timing = timing;
        this.clock = clock;
        this.ring = new ShardRing(identity, List.of(), false);
    }

    /** Renews and looks once now, then every retry period on a thread of its own. */
    public synchronized void start() {
        tick();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coffer-shard-lease");
            t.setDaemon(true);
            return t;
        });
        long period = timing.retryPeriod().toMillis();
        scheduler.scheduleWithFixedDelay(this::tickQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    /** This replica's view; it stops acting the moment its renew deadline passes, even when no tick could run. */
    @Override
    public ShardRing current() {
        ShardRing now = ring;
        Instant renewed = renewedAt;
        if (now.active() && (renewed == null || !clock.instant().isBefore(renewed.plus(timing.renewDeadline())))) {
            return new ShardRing(now.self(), now.members(), false);
        }
        return now;
    }

    @Override
    public void onChange(BiConsumer<ShardRing, ShardRing> listener) {
        listeners.add(listener);
    }

    /** One round: renew this replica's Lease, list every member Lease, and publish the view if it changed. */
    public synchronized void tick() {
        renew();
        Instant now = clock.instant();
        try {
            List<Lease> leases = client.leases().inNamespace(namespace).withLabel(MEMBER_LABEL, "true").list().getItems();
            observe(leases, now);
        } catch (KubernetesClientException e) {
            LOG.debugf("listing shard leases failed (%s); keeping the last view", e.getCode());
        }
        publish(view(now));
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warnf("shard membership round failed: %s", e.getClass().getSimpleName());
        }
    }

    private void renew() {
        Instant now = clock.instant();
        ZonedDateTime stamp = ZonedDateTime.ofInstant(now, ZoneOffset.UTC);
        try {
            Lease lease = client.leases().inNamespace(namespace).withName(leaseName()).get();
            if (lease == null) {
                client.leases().inNamespace(namespace).resource(new LeaseBuilder()
                        .withNewMetadata().withName(leaseName()).withNamespace(namespace)
                        .addToLabels(MEMBER_LABEL, "true").endMetadata()
                        .withNewSpec().withHolderIdentity(identity).withAcquireTime(stamp).withRenewTime(stamp)
                        .withLeaseDurationSeconds(leaseSeconds()).endSpec().build()).create();
            } else {
                lease.getSpec().setHolderIdentity(identity);
                lease.getSpec().setRenewTime(stamp);
                lease.getSpec().setLeaseDurationSeconds(leaseSeconds());
                client.leases().inNamespace(namespace).resource(lease).update();
            }
        } catch (KubernetesClientException e) {
            if (!warnedRenewal) {
                LOG.warnf("cannot renew shard lease %s/%s (HTTP %d); this replica stops reconciling after %s without a renewal",
                        namespace, leaseName(), e.getCode(), timing.renewDeadline());
                warnedRenewal = true;
            }
            return;
        }
        warnedRenewal = false;
        Instant last = renewedAt;
        Instant done = clock.instant();
        // First renewal, or back after a gap in which others may have taken over: join again. The gap
        // counts until the renewal returned, since current() already said "inactive" during it, and
        // events dropped then are only replayed by the handoff when the view goes through a change.
        if (last == null || !done.isBefore(last.plus(timing.renewDeadline()))) {
            joinedAt = done;
        }
        renewedAt = now;
    }

    private void observe(List<Lease> leases, Instant now) {
        Set<String> present = new HashSet<>();
        for (Lease lease : leases) {
            if (lease.getSpec() == null || lease.getSpec().getHolderIdentity() == null) {
                continue;
            }
            String name = lease.getMetadata().getName();
            present.add(name);
            String renewTime = String.valueOf(lease.getSpec().getRenewTime());
            Observation before = observed.get(name);
            Duration duration = lease.getSpec().getLeaseDurationSeconds() == null ? timing.leaseDuration()
                    : Duration.ofSeconds(lease.getSpec().getLeaseDurationSeconds());
            if (before == null || !before.renewTime().equals(renewTime) || !before.holder().equals(lease.getSpec().getHolderIdentity())) {
                observed.put(name, new Observation(lease.getSpec().getHolderIdentity(), renewTime, now, duration));
            }
        }
        observed.keySet().retainAll(present); // a deleted Lease (a replica that shut down) leaves at once
    }

    private ShardRing view(Instant now) {
        List<String> members = new ArrayList<>();
        for (Observation o : observed.values()) {
            if (now.isBefore(o.seenAt().plus(o.duration())) && !members.contains(o.holder())) {
                members.add(o.holder());
            }
        }
        members.sort(null);
        Instant renewed = renewedAt;
        boolean active = renewed != null && now.isBefore(renewed.plus(timing.renewDeadline()))
                && joinedAt != null && !now.isBefore(joinedAt.plus(timing.leaseDuration()))
                && members.contains(identity);
        return new ShardRing(identity, members, active);
    }

    private void publish(ShardRing next) {
        ShardRing before = ring;
        if (Objects.equals(before, next)) {
            return;
        }
        ring = next;
        LOG.infof("shard membership: %s, this replica (%s) %s", next.members(), identity, next.active() ? "active" : "waiting");
        for (BiConsumer<ShardRing, ShardRing> listener : listeners) {
            listener.accept(before, next);
        }
    }

    /** Stops renewing and leaves the Lease as it is: what a crashed replica leaves behind (its share moves when it expires). */
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        renewedAt = null;
        publish(new ShardRing(identity, ring.members(), false));
    }

    /** Stops acting, then deletes the Lease, so the others take this replica's share on their next look. */
    @Override
    public synchronized void close() {
        stop();
        try {
            client.leases().inNamespace(namespace).withName(leaseName()).delete();
        } catch (KubernetesClientException e) {
            LOG.debugf("could not delete shard lease %s (%d); it expires by itself", leaseName(), e.getCode());
        }
    }

    public String leaseName() {
        return LEASE_PREFIX + identity;
    }

    private int leaseSeconds() {
        return (int) Math.max(1, (timing.leaseDuration().toMillis() + 999) / 1000);
    }
}
