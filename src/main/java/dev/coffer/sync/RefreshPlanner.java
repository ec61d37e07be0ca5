package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.CreationPolicy;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.RefreshPolicy;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Decides whether an ExternalSecret needs a sync now (the plan step). Pure: everything it needs
 * is passed in, so the rules are unit-tested from plain objects.
 *
 * <p>Refreshes are spread: each ExternalSecret waits its interval plus a jitter of up to 10% of
 * it (at most five minutes), derived from its uid, so 10,000 ExternalSecrets created together
 * do not refresh in the same second, and a restart keeps the spread.
 */
public final class RefreshPlanner {

    private static final Duration MAX_JITTER = Duration.ofMinutes(5);

    private RefreshPlanner() {
    }

    /**
     * @param target the live target Secret, or null if there is none
     */
    public static RefreshDecision plan(ExternalSecret es, Secret target, Instant now) {
        return plan(es, target, ManagedSecret.isIntact(target), now);
    }

    /**
     * @param target       the target Secret as cached (its metadata at least), or null if there is none
     * @param targetIntact whether it still is what Coffer last wrote ({@link ManagedSecret#isIntact})
     */
    public static RefreshDecision plan(ExternalSecret es, Secret target, boolean targetIntact, Instant now) {
        var spec = es.getSpec();
        var status = es.getStatus();
        String synced = status == null ? null : status.syncedResourceVersion;
        RefreshPolicy policy = Policies.refresh(spec);
        Duration interval = Policies.refreshInterval(spec);
        // As upstream, once synced: CreatedOnce, and refreshInterval 0, ignore later spec and metadata
        // changes (the force-sync annotation included); only a lost or edited Secret syncs again.
        boolean changeCounts = synced == null
                || (policy != RefreshPolicy.CreatedOnce && !(policy == RefreshPolicy.Periodic && interval.isZero()));
        if (changeCounts && !syncedResourceVersion(es.getMetadata()).equals(synced)) {
            return RefreshDecision.sync(synced == null ? "never synced" : RefreshDecision.CHANGED);
        }
        Optional<Instant> last = lastRefresh(es);
        if (last.isEmpty()) {
            return RefreshDecision.sync("never synced");
        }
        if (last.get().isAfter(now)) {
            return RefreshDecision.sync("refreshTime is in the future"); // as upstream: a clock went wrong
        }
        if (expectsTarget(es) && !targetIntact) {
            return RefreshDecision.sync(target == null ? "target Secret is missing" : "target Secret drifted");
        }
        if (policy == RefreshPolicy.CreatedOnce) {
            return RefreshDecision.never("refreshPolicy CreatedOnce: synced once");
        }
        if (policy == RefreshPolicy.OnChange) {
            return RefreshDecision.never("refreshPolicy OnChange: unchanged since the last sync");
        }
        if (interval.isZero()) {
            return RefreshDecision.never("refreshInterval 0: synced once");
        }
        Instant due = last.get().plus(interval);
        if (!now.isBefore(due)) {
            return RefreshDecision.sync("refresh interval elapsed");
        }
        return RefreshDecision.waitFor(Duration.between(now, due).plus(jitter(es, interval)));
    }

    /**
     * Whether a managed target Secret should exist: not with creationPolicy None, and not after the
     * last sync found nothing at the provider and so deleted it (Delete) or created none (Retain);
     * syncing again at once for those would only find nothing again.
     */
    private static boolean expectsTarget(ExternalSecret es) {
        if (Policies.creation(es.getSpec()) == CreationPolicy.None) {
            return false;
        }
        var ready = es.getStatus() == null || es.getStatus().conditions == null ? null : es.getStatus().conditions.stream()
                .filter(c -> "Ready".equals(c.type)).findFirst().orElse(null);
        return ready == null || !("SecretDeleted".equals(ready.reason)
                || ExternalSecretReconciler.MSG_RETAINED.equals(ready.message));
    }

    /** When to look again after a successful sync, or empty for no periodic refresh. */
    public static Optional<Duration> nextAfterSync(ExternalSecret es) {
        var spec = es.getSpec();
        RefreshPolicy policy = Policies.refresh(spec);
        Duration interval = Policies.refreshInterval(spec);
        if (policy != RefreshPolicy.Periodic || interval.isZero()) {
            return Optional.empty();
        }
        return Optional.of(interval.plus(jitter(es, interval)));
    }

    /** "&lt;generation&gt;-&lt;hash of labels and annotations&gt;", exactly as ESO records it (see {@link EsoHash}). */
    public static String syncedResourceVersion(ObjectMeta meta) {
        long generation = meta.getGeneration() == null ? 0 : meta.getGeneration();
        return generation + "-" + EsoHash.ofMetadata(meta.getLabels(), meta.getAnnotations());
    }

    static Duration jitter(ExternalSecret es, Duration interval) {
        Duration cap = interval.dividedBy(10);
        if (cap.compareTo(MAX_JITTER) > 0) {
            cap = MAX_JITTER;
        }
        String seed = es.getMetadata().getUid() != null ? es.getMetadata().getUid()
                : es.getMetadata().getNamespace() + "/" + es.getMetadata().getName();
        long fraction = Math.floorMod(seed.hashCode() * 2654435761L, 1000L);
        return Duration.ofMillis(cap.toMillis() * fraction / 1000);
    }

    private static Optional<Instant> lastRefresh(ExternalSecret es) {
        if (es.getStatus() == null || es.getStatus().refreshTime == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(es.getStatus().refreshTime).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
