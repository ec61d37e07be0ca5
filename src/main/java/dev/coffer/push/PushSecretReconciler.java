package dev.coffer.push;

import dev.coffer.api.externalsecrets.v1.ExternalSecretTemplate;
import dev.coffer.api.externalsecrets.v1.SecretStoreRef;
import dev.coffer.api.externalsecrets.v1.TemplateMergePolicy;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecret;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecretData;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecretDataTo;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecretDeletionPolicy;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecretStatus;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecretUpdatePolicy;
import dev.coffer.audit.AuditTrail;
import dev.coffer.audit.AuditedSecretsClient;
import dev.coffer.audit.AuditedSecretsPusher;
import dev.coffer.failure.EscapedErrors;
import dev.coffer.failure.FailureReport;
import dev.coffer.failure.RetryBackoff;
import dev.coffer.kube.Conditions;
import dev.coffer.kube.EventRecorder;
import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.ProviderException;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.provider.PushOutcome;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.SecretsPusher;
import dev.coffer.store.ClientCache;
import dev.coffer.store.StoreAccess;
import dev.coffer.store.StoreNotUsableException;
import dev.coffer.gocompat.GoDuration;
import dev.coffer.sync.RefreshPlanner;
import dev.coffer.sync.SecretTemplater;
import dev.coffer.sync.SyncEngine;
import dev.coffer.sync.TemplatedSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reconciles PushSecrets: read the source (Secret, selected Secrets or generator) → template →
 * plan (pure) → per store, push each value (the provider writes only what differs) → delete what
 * was dropped, under {@code deletionPolicy: Delete} → status, events.
 *
 * <p>Status is the record of what was pushed where ({@code syncedPushSecrets}, "Kind/store" →
 * "remoteKey[/property]"); deletions go only to the store an entry was recorded under, so a store
 * removed from {@code secretStoreRefs} is cleaned and no other store is touched. A store that
 * fails keeps its recorded entries until it works again, so nothing recorded is forgotten.
 */
@ControllerConfiguration(name = "pushsecret", finalizerName = PushSecretReconciler.FINALIZER,
        generationAwareEventProcessing = false)
public class PushSecretReconciler implements Reconciler<PushSecret>, Cleaner<PushSecret> {

    public static final String FINALIZER = "pushsecret.externalsecrets.io/finalizer";
    static final String READY = "Ready";
    static final String MSG_SYNCED = "PushSecret synced successfully";

    private static final Logger LOG = Logger.getLogger(PushSecretReconciler.class);
    private static final Duration DEFAULT_REFRESH = Duration.ofHours(1);
    /** Upstream's PushSecret reason for every failure; an invalid spec's message stands alone. */
    static final FailureReport.Vocabulary WORDS = new FailureReport.Vocabulary("Errored", "");

    private final KubernetesClient client;
    private final ProviderRegistry registry;
    private final ClientCache clients;
    private final KubeAccess kube;
    private final EventRecorder events;
    private final SecretTemplater templater;
    private final PushSource sources;
    private final AuditTrail audit;
    private final RetryBackoff backoff = new RetryBackoff();
    /** Per PushSecret, a digest of what its last successful push was made from (source data and stores). */
    private final Map<String, String> lastPushed = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    public PushSecretReconciler(KubernetesClient client, ProviderRegistry registry, ClientCache clients, KubeAccess kube,
                                EventRecorder events, SecretTemplater templater, AuditTrail audit) {
        this.audit = audit;
        this.client = client;
        this.registry = registry;
        this.clients = clients;
        this.kube = kube;
        this.events = events;
        this.templater = templater;
        this.sources = new PushSource(client, kube, clients);
    }

    @Override
    public List<EventSource<?, PushSecret>> prepareEventSources(EventSourceContext<PushSecret> context) {
        return PushSecretEventSources.create(context);
    }

    @Override
    public UpdateControl<PushSecret> reconcile(PushSecret ps, Context<PushSecret> context) {
        String id = ps.getMetadata().getNamespace() + "/" + ps.getMetadata().getName();
        try {
            PushSource.validate(ps);
            Duration interval = interval(ps);
            boolean due = due(ps, interval);
            if (!due) {
                backoff.reset(EscapedErrors.statusKey(ps)); // the last status patch went through
            }
            if (PushSource.generated(ps) && !due) {
                // a generator makes a new value on every read: read it only when a push is due
                return idle(ps, interval);
            }
            // Events are not filtered by generation (labels and annotations force a push), so a
            // status patch wakes the PushSecret too: push only when due or when the source changed.
            String ns = ps.getMetadata().getNamespace();
            PushStores stores = new PushStores(context, client);
            watchSources(ps, context);
            Map<String, byte[]> data = template(ps, sources.read(ps));
            List<String> storeKeys = stores.resolve(ps.getSpec().secretStoreRefs, ns);
            List<List<String>> dataToStores = new ArrayList<>();
            for (PushSecretDataTo to : ps.getSpec().dataTo == null ? List.<PushSecretDataTo>of() : ps.getSpec().dataTo) {
                dataToStores.add(to.storeRef == null ? storeKeys : stores.resolve(List.of(to.storeRef), ns));
            }
            String digest = PushDigest.of(data, storeKeys, dataToStores);
            if (!due && digest.equals(lastPushed.get(id))) {
                return idle(ps, interval);
            }
            lastPushed.remove(id);
            UpdateControl<PushSecret> done = push(ps, stores, data, storeKeys, dataToStores, interval);
            lastPushed.put(id, digest);
            backoff.reset(id);
            return done;
        } catch (PushSource.SourceMissingException e) {
            lastPushed.remove(id);
            return sourceMissing(ps, context, e.getMessage());
        } catch (RuntimeException e) {
            lastPushed.remove(id);
            return failed(ps, e);
        }
    }

    private static UpdateControl<PushSecret> idle(PushSecret ps, Duration interval) {
        UpdateControl<PushSecret> idle = UpdateControl.noUpdate();
        untilDue(ps, interval).ifPresent(idle::rescheduleAfter);
        return idle;
    }

    private UpdateControl<PushSecret> push(PushSecret ps, PushStores stores, Map<String, byte[]> data, List<String> storeKeys,
                                           List<List<String>> dataToStores, Duration interval) {
        String ns = ps.getMetadata().getNamespace();
        List<PlannedPush> plan = PushPlanner.plan(ps.getSpec(), data, storeKeys, dataToStores, templater);

        StoreAccess access = new StoreAccess(ns, stores, registry, clients, kube, true);
        Map<String, Map<String, PushSecretData>> recorded = recorded(ps);
        Map<String, Map<String, PushSecretData>> synced = new TreeMap<>();
        Map<String, List<PlannedPush>> byStore = new LinkedHashMap<>();
        storeKeys.forEach(k -> byStore.put(k, new ArrayList<>()));
        plan.forEach(p -> byStore.computeIfAbsent(p.storeKey(), k -> new ArrayList<>()).add(p));
        recorded.keySet().forEach(k -> byStore.putIfAbsent(k, new ArrayList<>())); // stores dropped from the refs
        boolean delete = ps.getSpec().deletionPolicy == PushSecretDeletionPolicy.Delete;
        boolean ifNotExists = ps.getSpec().updatePolicy == PushSecretUpdatePolicy.IfNotExists;
        int writes = 0;
        RuntimeException firstError = null;
        for (Map.Entry<String, List<PlannedPush>> store : byStore.entrySet()) {
            Map<String, PushSecretData> before = recorded.getOrDefault(store.getKey(), Map.of());
            Map<String, PushSecretData> after = new TreeMap<>();
            try {
                SecretsPusher pusher = pusher(ps, access, store.getKey());
                for (PlannedPush p : store.getValue()) {
                    if (ifNotExists && !before.containsKey(p.refKey()) && pusher.exists(p.request().remote())) {
                        continue; // someone else's: IfNotExists leaves it, and it is not recorded as ours
                    }
                    if (!ifNotExists || !before.containsKey(p.refKey())) {
                        writes += pusher.push(p.request()) == PushOutcome.UNCHANGED ? 0 : 1;
                    }
                    after.put(p.refKey(), p.entry());
                }
                if (delete) {
                    for (Map.Entry<String, PushSecretData> old : before.entrySet()) {
                        if (!after.containsKey(old.getKey())) {
                            writes += pusher.delete(remoteRef(old.getValue())) ? 1 : 0;
                            LOG.infof("PushSecret %s/%s: deleted %s from %s (no longer pushed, deletionPolicy Delete)",
                                    ns, ps.getMetadata().getName(), old.getKey(), store.getKey());
                        }
                    }
                }
            } catch (RuntimeException e) {
                firstError = firstError == null ? wrap(store.getKey(), e) : firstError;
                after.putAll(before); // keep the record of what is there until the store works again
            }
            if (!after.isEmpty()) {
                synced.put(store.getKey(), after);
            }
        }
        PushSecretStatus status = status(ps);
        status.syncedPushSecrets = synced.isEmpty() ? null : synced;
        if (firstError != null) {
            throw new PartialPushException(firstError);
        }
        return done(ps, interval, writes);
    }

    /** A store's failure, with the status already recording what did get pushed. */
    private static final class PartialPushException extends RuntimeException {
        PartialPushException(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static RuntimeException wrap(String store, RuntimeException e) {
        FailureReport f = FailureReport.of(e, WORDS);
        String message = "set secret failed in " + store + ": " + f.message();
        return e instanceof ProviderException pe ? new ProviderException(pe.kind(), message, e)
                : new StoreNotUsableException(message);
    }

    /** The store's write side, each push and remote delete recorded in the audit trail for {@code ps}. */
    private SecretsPusher pusher(PushSecret ps, StoreAccess access, String storeKey) {
        SecretStoreRef ref = PushStores.ref(storeKey);
        SecretsPusher pusher = access.clientFor(ref).pusher().orElseThrow(() -> ProviderException.invalidConfig(
                storeKey + " cannot push: its provider is read-only in Coffer"));
        return AuditedSecretsPusher.of(pusher, audit,
                AuditedSecretsClient.Subject.pushSecret(ps.getMetadata().getNamespace(), ps.getMetadata().getName(), storeKey));
    }

    static PushRemoteRef remoteRef(PushSecretData entry) {
        return new PushRemoteRef(entry.match.remoteRef.remoteKey, entry.match.remoteRef.property, entry.metadata);
    }

    /** The template, when there is one, rendered over the source data; Merge keeps the source keys it does not set. */
    private Map<String, byte[]> template(PushSecret ps, Map<String, byte[]> source) {
        ExternalSecretTemplate template = ps.getSpec().template;
        if (template == null) {
            return source;
        }
        TemplatedSecret rendered = templater.render(template, source,
                SyncEngine.templateSources(ps.getMetadata().getNamespace(), template, kube));
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (template.mergePolicy == TemplateMergePolicy.Merge) {
            out.putAll(source);
        }
        out.putAll(rendered.data());
        return out;
    }

    /** Starts the watch that pushes a source Secret's edits at once, with the first PushSecret that reads one. */
    private static void watchSources(PushSecret ps, Context<PushSecret> context) {
        if (!PushSource.generated(ps)) {
            PushSecretEventSources.sourceSecrets(context);
        }
    }

    /**
     * The source is gone: under Delete, what was pushed goes too (as upstream); under None it stays.
     * Either way the PushSecret reports SourceDeleted... only once the source is confirmed absent.
     */
    private UpdateControl<PushSecret> sourceMissing(PushSecret ps, Context<PushSecret> context, String message) {
        String reason = "Errored";
        if (ps.getSpec().deletionPolicy == PushSecretDeletionPolicy.Delete && !recorded(ps).isEmpty()) {
            StoreAccess access = new StoreAccess(ps.getMetadata().getNamespace(), new PushStores(context, client), registry, clients, kube, true);
            try {
                deleteAll(ps, access);
                reason = "SourceDeleted";
            } catch (RuntimeException e) {
                return failed(ps, e);
            }
        }
        return report(ps, "False", reason, message, Optional.of(interval(ps)), "SourceDeleted".equals(reason));
    }

    /** Deletes every recorded entry in its store; stops at the first failure (the caller retries). */
    private void deleteAll(PushSecret ps, StoreAccess access) {
        Map<String, Map<String, PushSecretData>> recorded = recorded(ps);
        Map<String, Map<String, PushSecretData>> left = new TreeMap<>(recorded);
        for (Map.Entry<String, Map<String, PushSecretData>> store : recorded.entrySet()) {
            SecretsPusher pusher = pusher(ps, access, store.getKey());
            for (PushSecretData entry : store.getValue().values()) {
                pusher.delete(remoteRef(entry));
            }
            left.remove(store.getKey());
            status(ps).syncedPushSecrets = left.isEmpty() ? null : left;
        }
    }

    private UpdateControl<PushSecret> done(PushSecret ps, Duration interval, int writes) {
        PushSecretStatus status = status(ps);
        status.refreshTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        status.syncedResourceVersion = RefreshPlanner.syncedResourceVersion(ps.getMetadata());
        if (writes > 0) {
            LOG.infof("PushSecret %s/%s: %d remote write(s)", ps.getMetadata().getNamespace(), ps.getMetadata().getName(), writes);
        }
        return report(ps, "True", "Synced", MSG_SYNCED, interval.isZero() ? Optional.empty() : Optional.of(interval), true);
    }

    /** Sets Ready; the status is patched when the condition changed or {@code statusChanged} says the rest did. */
    private UpdateControl<PushSecret> report(PushSecret ps, String state, String reason, String message, Optional<Duration> next,
                                             boolean statusChanged) {
        PushSecretStatus status = status(ps);
        boolean changed = !Conditions.same(status.conditions, READY, state, reason, message);
        if (changed) {
            if ("True".equals(state)) {
                events.normal(ps, reason, message);
            } else {
                events.warning(ps, reason, message);
            }
            status.conditions = Conditions.set(status.conditions, READY, state, reason, message, Instant.now());
        }
        UpdateControl<PushSecret> control = changed || statusChanged ? UpdateControl.patchStatus(ps) : UpdateControl.noUpdate();
        next.ifPresent(control::rescheduleAfter);
        return control;
    }

    private UpdateControl<PushSecret> failed(PushSecret ps, RuntimeException e) {
        RuntimeException cause = e instanceof PartialPushException && e.getCause() instanceof RuntimeException r ? r : e;
        FailureReport failure = FailureReport.of(cause, WORDS);
        String id = ps.getMetadata().getNamespace() + "/" + ps.getMetadata().getName();
        if (failure.unexpected()) {
            LOG.errorf(cause, "PushSecret %s: unexpected error", id);
        } else {
            LOG.warnf("PushSecret %s: %s", id, failure.message());
        }
        Optional<Duration> next;
        if (failure.retryable()) {
            next = Optional.of(backoff.next(id));
        } else {
            Duration interval;
            try {
                interval = interval(ps);
            } catch (RuntimeException badInterval) {
                interval = DEFAULT_REFRESH;
            }
            next = interval.isZero() ? Optional.empty() : Optional.of(interval);
        }
        return report(ps, "False", "Errored", failure.message(), next, e instanceof PartialPushException);
    }

    /** A failed status patch (what escapes {@link #reconcile}): one line, and a retry after the shared backoff. */
    @Override
    public ErrorStatusUpdateControl<PushSecret> updateErrorStatus(PushSecret ps, Context<PushSecret> context, Exception e) {
        return EscapedErrors.retryLater(ps, e, WORDS, backoff, LOG);
    }

    @Override
    public DeleteControl cleanup(PushSecret ps, Context<PushSecret> context) {
        lastPushed.remove(ps.getMetadata().getNamespace() + "/" + ps.getMetadata().getName());
        backoff.reset(EscapedErrors.statusKey(ps));
        if (ps.getSpec() == null || ps.getSpec().deletionPolicy != PushSecretDeletionPolicy.Delete || recorded(ps).isEmpty()) {
            return DeleteControl.defaultDelete();
        }
        StoreAccess access = new StoreAccess(ps.getMetadata().getNamespace(), new PushStores(context, client), registry, clients, kube, true);
        try {
            deleteAll(ps, access);
            LOG.infof("PushSecret %s/%s deleted: removed what it pushed (deletionPolicy Delete)",
                    ps.getMetadata().getNamespace(), ps.getMetadata().getName());
            return DeleteControl.defaultDelete();
        } catch (StoreNotUsableException e) {
            // the store itself is gone: nothing left to delete through it, and waiting cannot help
            events.warning(ps, "Errored", "could not delete what was pushed: " + e.getMessage());
            return DeleteControl.defaultDelete();
        } catch (RuntimeException e) {
            String message = FailureReport.of(e, WORDS).message();
            events.warning(ps, "Errored", "could not delete what was pushed, retrying: " + message);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(backoff.next(ps.getMetadata().getNamespace() + "/"
                    + ps.getMetadata().getName()));
        }
    }

    private static Duration interval(PushSecret ps) {
        String text = ps.getSpec().refreshInterval;
        return text == null || text.isEmpty() ? DEFAULT_REFRESH : GoDuration.parse(text);
    }

    /** Whether a push is due whatever the source holds: never pushed, failing, spec or metadata changed, or the interval passed. */
    private static boolean due(PushSecret ps, Duration interval) {
        PushSecretStatus s = ps.getStatus();
        if (s == null || s.refreshTime == null || !RefreshPlanner.syncedResourceVersion(ps.getMetadata()).equals(s.syncedResourceVersion)
                || Conditions.find(s.conditions, READY).filter(c -> "True".equals(c.status)).isEmpty()) {
            return true;
        }
        return !interval.isZero() && untilDue(ps, interval).map(Duration::isZero).orElse(false);
    }

    private static Optional<Duration> untilDue(PushSecret ps, Duration interval) {
        if (interval.isZero() || ps.getStatus() == null || ps.getStatus().refreshTime == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(Instant.now(), Instant.parse(ps.getStatus().refreshTime).plus(interval));
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    private static Map<String, Map<String, PushSecretData>> recorded(PushSecret ps) {
        Map<String, Map<String, PushSecretData>> out = new TreeMap<>();
        if (ps.getStatus() != null && ps.getStatus().syncedPushSecrets != null) {
            ps.getStatus().syncedPushSecrets.forEach((store, refs) -> {
                if (PushStores.isKey(store) && refs != null && !refs.isEmpty()) {
                    out.put(store, refs);
                }
            });
        }
        return out;
    }

    private static PushSecretStatus status(PushSecret ps) {
        if (ps.getStatus() == null) {
            ps.setStatus(new PushSecretStatus());
        }
        return ps.getStatus();
    }
}
