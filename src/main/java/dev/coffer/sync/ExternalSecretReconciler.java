package dev.coffer.sync;

import dev.coffer.provider.ClientSource;
import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.CreationPolicy;
import dev.coffer.api.externalsecrets.v1.DeletionPolicy;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretStatus;
import dev.coffer.api.externalsecrets.v1.SecretBinding;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.externalsecrets.v1.SecretStoreRef;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import dev.coffer.api.externalsecrets.v1.StoreKind;
import dev.coffer.api.generators.v1alpha1.Generators;
import dev.coffer.audit.AuditTrail;
import dev.coffer.audit.AuditedSecretsClient;
import dev.coffer.failure.EscapedErrors;
import dev.coffer.failure.FailureReport;
import dev.coffer.failure.KubeOperationFailure;
import dev.coffer.failure.RetryBackoff;
import dev.coffer.generator.GeneratorSession;
import dev.coffer.kube.Conditions;
import dev.coffer.kube.EventRecorder;
import dev.coffer.metrics.SyncMetrics;
import dev.coffer.provider.KubeAccess;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.store.ClientCache;
import dev.coffer.store.ControllerClass;
import dev.coffer.store.StoreAccess;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import jakarta.inject.Inject;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reconciles ExternalSecrets: plan (is a sync due?) → fetch (providers, through the store
 * flood gate and the client cache) → shape (pure) → write (only when something changed),
 * then status, events and metrics. A failure returns before the write, so the last good
 * Secret stays.
 *
 * <p>Metadata changes must wake an ExternalSecret (force-sync by annotation), so events are not
 * filtered by generation; a reconcile with nothing due costs no API call.
 *
 * <p>Failures are expected (outages, bad input) and end in a status condition, an event and a
 * backoff chosen here, not in an exception: that keeps stack traces out of the log and lets
 * errors that retrying cannot fix wait for a change instead of looping.
 */
@RBACRule(apiGroups = Generators.GROUP, resources = {"passwords", "uuids", "vaultdynamicsecrets", "fakes", "sshkeys",
        "stssessiontokens", "ecrauthorizationtokens", "webhooks", "clustergenerators"}, verbs = {"get"})
@ControllerConfiguration(name = "externalsecret", finalizerName = ExternalSecretReconciler.FINALIZER,
        generationAwareEventProcessing = false, informer = @Informer(itemStore = ExternalSecretItemStore.class))
public class ExternalSecretReconciler implements Reconciler<ExternalSecret>, Cleaner<ExternalSecret> {

    public static final String FINALIZER = "externalsecrets.external-secrets.io/externalsecret-cleanup";
    static final String READY = "Ready";

    private static final Logger LOG = Logger.getLogger(ExternalSecretReconciler.class);

    static final String MSG_SYNCED = "secret synced";
    static final String MSG_RETAINED = "secret retained due to DeletionPolicy=Retain";
    static final String MSG_MISSING = "secret will not be created due to CreationPolicy=Merge";
    static final String MSG_IMMUTABLE = "secret synced; the target is immutable, so its data is kept as it is";

    private final KubernetesClient client;
    private final ProviderRegistry registry;
    private final ClientCache clients;
    private final KubeAccess kube;
    private final EventRecorder events;
    private final SyncMetrics metrics;
    private final SyncEngine engine;
    private final GeneratorSync generators;
    private final SecretWriter writer;
    private final AuditTrail audit;
    private final ControllerClass controllerClass;
    private final RetryBackoff backoff;
    private final MetadataOnlyManagedSecrets secretCache = new MetadataOnlyManagedSecrets();

    public ExternalSecretReconciler(KubernetesClient client, ProviderRegistry registry, ClientCache clients,
                                    KubeAccess kube, EventRecorder events, SyncMetrics metrics, SecretTemplater templater) {
        this(client, registry, clients, kube, events, metrics, templater, ControllerClass.NONE);
    }

    public ExternalSecretReconciler(KubernetesClient client, ProviderRegistry registry, ClientCache clients,
                                    KubeAccess kube, EventRecorder events, SyncMetrics metrics, SecretTemplater templater,
                                    ControllerClass controllerClass) {
        this(client, registry, clients, kube, events, metrics, templater, controllerClass, new RetryBackoff(), AuditTrail.OFF);
    }

    @Inject
    public ExternalSecretReconciler(KubernetesClient client, ProviderRegistry registry, ClientCache clients,
                                    KubeAccess kube, EventRecorder events, SyncMetrics metrics, SecretTemplater templater,
                                    ControllerClass controllerClass, AuditTrail audit) {
        this(client, registry, clients, kube, events, metrics, templater, controllerClass, new RetryBackoff(), audit);
    }

    /** With other backoff bounds: the fault suite proves recovery within one backoff without waiting minutes. */
    public ExternalSecretReconciler(KubernetesClient client, ProviderRegistry registry, ClientCache clients,
                                    KubeAccess kube, EventRecorder events, SyncMetrics metrics, SecretTemplater templater,
                                    ControllerClass controllerClass, RetryBackoff backoff, AuditTrail audit) {
        this.backoff = backoff;
        this.audit = audit;
        this.client = client;
        this.registry = registry;
        this.clients = clients;
        this.kube = kube;
        this.events = events;
        this.metrics = metrics;
        this.engine = new SyncEngine(templater);
        this.generators = GeneratorSync.standard(client, clients, kube);
        this.writer = new SecretWriter(client, events, audit);
        this.controllerClass = controllerClass;
    }

    @Override
    public List<EventSource<?, ExternalSecret>> prepareEventSources(EventSourceContext<ExternalSecret> context) {
        return ExternalSecretEventSources.create(context, secretCache);
    }

    @Override
    public UpdateControl<ExternalSecret> reconcile(ExternalSecret es, Context<ExternalSecret> context) {
        Instant started = Instant.now();
        String ns = es.getMetadata().getNamespace();
        String name = es.getMetadata().getName();
        if (usesAnotherClassesStore(es, context)) {
            // As upstream: another controller's ExternalSecret; no status, no event, no metric.
            LOG.debugf("ExternalSecret %s/%s uses a store of another controller class: left alone", ns, name);
            return UpdateControl.noUpdate();
        }
        try {
            UpdateControl<ExternalSecret> done;
            try {
                done = sync(es, context, started, false);
            } catch (TargetAppeared appeared) {
                done = sync(es, context, started, true); // the cache had not seen it: read it this time
            }
            if (!waitingForMergeTarget(es)) {
                backoff.reset(ns + "/" + name); // while waiting, the backoff spaces the looks out
            }
            return done;
        } catch (RuntimeException e) {
            return failed(es, e);
        } finally {
            metrics.reconcileDuration(ns, name, Duration.between(started, Instant.now()));
        }
    }

    private boolean usesAnotherClassesStore(ExternalSecret es, Context<ExternalSecret> context) {
        if (es.getSpec() == null) {
            return false;
        }
        InformerStoreLookup stores = new InformerStoreLookup(context, client);
        for (SecretStoreRef ref : ExternalSecretEventSources.storeRefs(es)) {
            Optional<SecretStoreSpec> spec = ref.kind == StoreKind.ClusterSecretStore
                    ? stores.clusterSecretStore(ref.name).map(ClusterSecretStore::getSpec)
                    : stores.secretStore(es.getMetadata().getNamespace(), ref.name).map(SecretStore::getSpec);
            if (spec.isPresent() && !controllerClass.serves(spec.get())) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param readTarget read the target Secret from the API server even when the managed-Secret
     *                   cache says there is none
     */
    private UpdateControl<ExternalSecret> sync(ExternalSecret es, Context<ExternalSecret> context, Instant started,
                                               boolean readTarget) {
        String ns = es.getMetadata().getNamespace();
        String name = es.getMetadata().getName();
        ExternalSecretValidator.validate(es.getSpec());
        Optional<Secret> cached = managedSecrets(context).get(new ResourceID(Policies.targetName(es), ns));
        RefreshDecision decision = RefreshPlanner.plan(es, cached.orElse(null), secretCache.isIntact(cached.orElse(null)),
                started);
        // generators: recorded leases are renewed on their own schedule, without rotating other values
        if (!decision.syncNow() && !generators.leaseDue(es, started)) {
            backoff.reset(EscapedErrors.statusKey(es)); // nothing due: the last status patch went through
            UpdateControl<ExternalSecret> idle = UpdateControl.noUpdate();
            generators.requeue(es, decision.requeueAfter(), started).ifPresent(idle::rescheduleAfter);
            return idle;
        }
        LOG.debugf("syncing ExternalSecret %s/%s: %s", ns, name, decision.why());
        metrics.syncCall(ns, name);
        StoreAccess stores = new StoreAccess(ns, new InformerStoreLookup(context, client), registry, clients, kube, true);
        String target = ns + "/" + Policies.targetName(es);
        // The cache keeps metadata only: a sync reads the Secret it may write, unless the cache holds
        // it whole. When the cache has no such Secret, a policy that creates it goes straight to the
        // create (one call, not two, for every new ExternalSecret); a Secret the cache could not see
        // (not labelled as managed, or not yet seen) makes that create fail with 409, and the sync
        // starts again with a read.
        boolean assumedAbsent = !readTarget && cached.isEmpty() && createsWhenAbsent(es);
        Secret live = secretCache.isWhole(cached.orElse(null)) ? cached.get() : assumedAbsent ? null
                : KubeOperationFailure.during("reading the target Secret " + target,
                        () -> client.secrets().inNamespace(ns).withName(Policies.targetName(es)).get());
        GeneratorSession generated = generators.session(es, live, decision.syncNow());
        // a sync that only maintained generator leases keeps the refresh it was waiting for
        Optional<Duration> maintenance = generated.rotates() ? Optional.empty() : decision.requeueAfter();
        String previousRefresh = es.getStatus() == null ? null : es.getStatus().refreshTime;
        try {
            ClientSource storeClients = ref -> AuditedSecretsClient.of(KubeOperationFailure.during(
                    "reading the store or its credentials", () -> stores.clientFor(ref)), audit,
                    AuditedSecretsClient.Subject.externalSecret(ns, name, ref));
            Map<String, byte[]> data = engine.fetch(es, storeClients, generated, where -> events.normal(es,
                    "MissingProviderSecret", "secret does not exist at provider using " + where), decision.wantsFreshReads());
            Outcome outcome;
            try {
                outcome = KubeOperationFailure.during("writing the Secret " + target,
                        () -> data.isEmpty() && asksTheProvider(es) && Policies.deletion(es.getSpec()) != DeletionPolicy.Merge
                                ? nothingLeft(es, live) : write(es, context, data, live));
            } catch (KubeOperationFailure f) {
                if (assumedAbsent && f.code() == 409) {
                    throw new TargetAppeared();
                }
                throw f;
            }
            status(es).generatorState = generated.commit(); // Coffer extension; read by the requeue below
            UpdateControl<ExternalSecret> done = done(es, outcome);
            if (maintenance.isEmpty()) {
                return done;
            }
            status(es).refreshTime = previousRefresh;
            UpdateControl<ExternalSecret> control = UpdateControl.patchStatus(es);
            generators.requeue(es, maintenance, Instant.now()).ifPresent(control::rescheduleAfter);
            return control;
        } finally {
            generated.abandon(); // revokes leases issued by a sync that did not commit them
        }
    }

    /** Policies whose sync creates a missing target (Merge and None never do). */
    private static boolean createsWhenAbsent(ExternalSecret es) {
        CreationPolicy policy = Policies.creation(es.getSpec());
        return policy == CreationPolicy.Owner || policy == CreationPolicy.Orphan;
    }

    /** The create of a target the managed-Secret cache did not hold was refused: it exists. */
    private static final class TargetAppeared extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TargetAppeared() {
            super("the target Secret exists but was not in the cache", null, false, false);
        }
    }

    private static boolean waitingForMergeTarget(ExternalSecret es) {
        return es.getStatus() != null && es.getStatus().conditions != null && es.getStatus().conditions.stream()
                .anyMatch(c -> READY.equals(c.type) && "SecretMissing".equals(c.reason));
    }

    /** Whether the spec reads provider data at all (a template-only ExternalSecret does not). */
    private static boolean asksTheProvider(ExternalSecret es) {
        return (es.getSpec().data != null && !es.getSpec().data.isEmpty())
                || (es.getSpec().dataFrom != null && !es.getSpec().dataFrom.isEmpty());
    }

    /**
     * The provider has nothing for this ExternalSecret, as upstream: Retain keeps the Secret exactly
     * as it is (and creates none); Delete deletes it. (Merge goes through the write step, which
     * removes the keys this ExternalSecret manages.)
     */
    private Outcome nothingLeft(ExternalSecret es, Secret live) {
        if (Policies.deletion(es.getSpec()) == DeletionPolicy.Retain) {
            return new Outcome("SecretSynced", MSG_RETAINED, false);
        }
        if (Policies.creation(es.getSpec()) != CreationPolicy.Owner) {
            throw new TargetConflictException(SyncFailure.REASON_ERROR, "unable to delete secret " + Policies.targetName(es)
                    + ": creationPolicy=" + Policies.creation(es.getSpec()) + " is not Owner");
        }
        writer.deleteTarget(es, live);
        return new Outcome("SecretDeleted", SecretWriter.DELETED_BY_POLICY, false);
    }

    /** The write step: shape, plan against the live Secret, write what changed. */
    private Outcome write(ExternalSecret es, Context<ExternalSecret> context, Map<String, byte[]> data, Secret live) {
        InformerEventSource<Secret, ExternalSecret> cache = managedSecrets(context);
        SecretWritePlan plan = engine.plan(es, data, live, kube);
        if (Policies.creation(es.getSpec()) == CreationPolicy.Owner) {
            writer.deleteOrphans(es, cache);
        }
        writer.apply(es, plan, live, cache);
        return switch (plan.action()) {
            case TARGET_MISSING -> new Outcome("SecretMissing", MSG_MISSING, false);
            case KEEP_IMMUTABLE -> new Outcome("SecretSynced", MSG_IMMUTABLE, true);
            default -> new Outcome("SecretSynced", MSG_SYNCED, Policies.creation(es.getSpec()) != CreationPolicy.None);
        };
    }

    /** How a sync ended: the Ready reason and message; {@code bound}: a target Secret exists for status.binding. */
    private record Outcome(String reason, String message, boolean bound) {
    }

    /** Ready=True as the outcome says, and when to look again. */
    private UpdateControl<ExternalSecret> done(ExternalSecret es, Outcome outcome) {
        String reason = outcome.reason();
        String message = outcome.message();
        boolean bound = outcome.bound();
        ExternalSecretStatus status = status(es);
        if (!Conditions.same(status.conditions, READY, "True", reason, message)) {
            LOG.infof("ExternalSecret %s/%s: %s", es.getMetadata().getNamespace(), es.getMetadata().getName(), message);
        }
        status.conditions = Conditions.set(status.conditions, READY, "True", reason, message, Instant.now());
        status.refreshTime = now();
        status.syncedResourceVersion = RefreshPlanner.syncedResourceVersion(es.getMetadata());
        if (bound) {
            SecretBinding binding = new SecretBinding();
            binding.name = Policies.targetName(es);
            status.binding = binding;
        }
        metrics.readyCondition(es.getMetadata().getNamespace(), es.getMetadata().getName(), true);
        UpdateControl<ExternalSecret> control = UpdateControl.patchStatus(es);
        Optional<Duration> next = "SecretMissing".equals(reason)
                // the target is not a managed Secret, so no event announces it: look again soon
                ? Optional.of(backoff.next(es.getMetadata().getNamespace() + "/" + es.getMetadata().getName()))
                : RefreshPlanner.nextAfterSync(es);
        generators.requeue(es, next, Instant.now()).ifPresent(control::rescheduleAfter);
        return control;
    }

    /** Reports a failed sync; the last good Secret was not touched (failures return before the write). */
    private UpdateControl<ExternalSecret> failed(ExternalSecret es, RuntimeException e) {
        FailureReport failure = SyncFailure.of(e);
        String ns = es.getMetadata().getNamespace();
        String name = es.getMetadata().getName();
        if (failure.unexpected()) {
            LOG.errorf(e, "ExternalSecret %s/%s: unexpected error", ns, name);
        }
        metrics.syncError(ns, name);
        metrics.readyCondition(ns, name, false);
        ExternalSecretStatus status = status(es);
        boolean changed = !Conditions.same(status.conditions, READY, "False", failure.reason(), failure.message());
        if (changed) {
            LOG.warnf("ExternalSecret %s/%s: %s", ns, name, failure.message());
            events.warning(es, "UpdateFailed", failure.message());
            status.conditions = Conditions.set(status.conditions, READY, "False", failure.reason(), failure.message(), Instant.now());
        } else {
            LOG.debugf("ExternalSecret %s/%s still failing: %s", ns, name, failure.message());
        }
        UpdateControl<ExternalSecret> control = changed ? UpdateControl.patchStatus(es) : UpdateControl.noUpdate();
        if (failure.retryable()) {
            return control.rescheduleAfter(backoff.next(ns + "/" + name));
        }
        // Retrying cannot fix it: look again at the refresh interval, or sooner on a change.
        // The interval itself may be what is wrong, so fall back to the default then.
        Optional<Duration> next;
        try {
            next = RefreshPlanner.nextAfterSync(es);
        } catch (IllegalArgumentException badInterval) {
            next = Optional.of(Policies.DEFAULT_REFRESH);
        }
        next.ifPresent(control::rescheduleAfter);
        return control;
    }

    /** A failed status patch (what escapes {@link #reconcile}): one line, and a retry after the shared backoff. */
    @Override
    public ErrorStatusUpdateControl<ExternalSecret> updateErrorStatus(ExternalSecret es, Context<ExternalSecret> context, Exception e) {
        return EscapedErrors.retryLater(es, e, SyncFailure.WORDS, backoff, LOG);
    }

    /** How many ExternalSecrets are backing off after a failure (a deleted one never stays). */
    int backingOff() {
        return backoff.size();
    }

    @Override
    public DeleteControl cleanup(ExternalSecret es, Context<ExternalSecret> context) {
        metrics.forget(es.getMetadata().getNamespace(), es.getMetadata().getName());
        backoff.reset(es.getMetadata().getNamespace() + "/" + es.getMetadata().getName());
        backoff.reset(EscapedErrors.statusKey(es));
        generators.revokeLeases(es); // generator leases end with their ExternalSecret
        if (es.getSpec() == null || Policies.deletion(es.getSpec()) != DeletionPolicy.Delete) {
            return DeleteControl.defaultDelete();
        }
        String ns = es.getMetadata().getNamespace();
        String target = Policies.targetName(es);
        try {
            Secret live = client.secrets().inNamespace(ns).withName(target).get();
            if (live != null && SecretOwnership.controlledBy(live, es)) {
                client.secrets().inNamespace(ns).withName(target).delete();
                LOG.infof("deleted Secret %s/%s with its ExternalSecret (deletionPolicy Delete)", ns, target);
            }
        } catch (KubernetesClientException e) {
            LOG.warnf("could not delete Secret %s/%s: HTTP %d", ns, target, e.getCode());
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(10));
        }
        return DeleteControl.defaultDelete();
    }

    @SuppressWarnings("unchecked")
    private static InformerEventSource<Secret, ExternalSecret> managedSecrets(Context<ExternalSecret> context) {
        return (InformerEventSource<Secret, ExternalSecret>) context.eventSourceRetriever()
                .getEventSourceFor(Secret.class, ExternalSecretEventSources.MANAGED_SECRETS);
    }

    private static ExternalSecretStatus status(ExternalSecret es) {
        if (es.getStatus() == null) {
            es.setStatus(new ExternalSecretStatus());
        }
        return es.getStatus();
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Store lookups answered from the informer caches the controller already keeps. */
    @SuppressWarnings("unchecked")
    private record InformerStoreLookup(Context<ExternalSecret> context, KubernetesClient client) implements dev.coffer.store.StoreLookup {

        @Override
        public Optional<SecretStore> secretStore(String namespace, String name) {
            return ((InformerEventSource<SecretStore, ExternalSecret>) context.eventSourceRetriever()
                    .getEventSourceFor(SecretStore.class)).get(new ResourceID(name, namespace));
        }

        @Override
        public Optional<ClusterSecretStore> clusterSecretStore(String name) {
            return ((InformerEventSource<ClusterSecretStore, ExternalSecret>) context.eventSourceRetriever()
                    .getEventSourceFor(ClusterSecretStore.class)).get(new ResourceID(name));
        }

        @Override
        public Optional<io.fabric8.kubernetes.api.model.Namespace> namespace(String name) {
            return Optional.ofNullable(client.namespaces().withName(name).get());
        }
    }
}
