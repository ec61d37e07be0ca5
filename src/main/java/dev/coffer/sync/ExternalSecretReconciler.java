package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.DeletionPolicy;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretStatus;
import dev.coffer.api.externalsecrets.v1.SecretBinding;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.generators.v1alpha1.Generators;
import dev.coffer.generator.GeneratorSession;
import dev.coffer.kube.Conditions;
import dev.coffer.kube.EventRecorder;
import dev.coffer.metrics.SyncMetrics;
import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.ProviderRegistry;
import dev.coffer.store.ClientCache;
import dev.coffer.store.StoreAccess;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
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
@RBACRule(apiGroups = Generators.GROUP, resources = {"passwords", "uuids", "vaultdynamicsecrets", "clustergenerators"},
        verbs = {"get"})
@ControllerConfiguration(name = "externalsecret", finalizerName = ExternalSecretReconciler.FINALIZER,
        generationAwareEventProcessing = false)
public class ExternalSecretReconciler implements Reconciler<ExternalSecret>, Cleaner<ExternalSecret> {

    public static final String FINALIZER = "externalsecrets.external-secrets.io/externalsecret-cleanup";
    static final String READY = "Ready";

    private static final Logger LOG = Logger.getLogger(ExternalSecretReconciler.class);

    private final KubernetesClient client;
    private final ProviderRegistry registry;
    private final ClientCache clients;
    private final KubeAccess kube;
    private final EventRecorder events;
    private final SyncMetrics metrics;
    private final SyncEngine engine;
    private final GeneratorSync generators;
    private final RetryBackoff backoff = new RetryBackoff();

    public ExternalSecretReconciler(KubernetesClient client, ProviderRegistry registry, ClientCache clients,
                                    KubeAccess kube, EventRecorder events, SyncMetrics metrics, SecretTemplater templater) {
        this.client = client;
        this.registry = registry;
        this.clients = clients;
        this.kube = kube;
        this.events = events;
        this.metrics = metrics;
        this.engine = new SyncEngine(templater);
        this.generators = GeneratorSync.standard(client, clients, kube);
    }

    @Override
    public List<EventSource<?, ExternalSecret>> prepareEventSources(EventSourceContext<ExternalSecret> context) {
        return ExternalSecretEventSources.create(context);
    }

    @Override
    public UpdateControl<ExternalSecret> reconcile(ExternalSecret es, Context<ExternalSecret> context) {
        Instant started = Instant.now();
        String ns = es.getMetadata().getNamespace();
        String name = es.getMetadata().getName();
        try {
            UpdateControl<ExternalSecret> done = sync(es, context, started);
            backoff.reset(ns + "/" + name);
            return done;
        } catch (RuntimeException e) {
            return failed(es, e);
        } finally {
            metrics.reconcileDuration(ns, name, Duration.between(started, Instant.now()));
        }
    }

    private UpdateControl<ExternalSecret> sync(ExternalSecret es, Context<ExternalSecret> context, Instant started) {
        String ns = es.getMetadata().getNamespace();
        String name = es.getMetadata().getName();
        {
            ExternalSecretValidator.validate(es.getSpec());
            Optional<Secret> cached = managedSecrets(context).get(new ResourceID(Policies.targetName(es), ns));
            RefreshDecision decision = RefreshPlanner.plan(es, cached.orElse(null), started);
            // generators: recorded leases are renewed on their own schedule, without rotating other values
            if (!decision.syncNow() && !generators.leaseDue(es, started)) {
                UpdateControl<ExternalSecret> idle = UpdateControl.noUpdate();
                generators.requeue(es, decision.requeueAfter(), started).ifPresent(idle::rescheduleAfter);
                return idle;
            }
            LOG.debugf("syncing ExternalSecret %s/%s: %s", ns, name, decision.why());
            metrics.syncCall(ns, name);
            StoreAccess stores = new StoreAccess(ns, new InformerStoreLookup(context, client), registry, clients, kube, true);
            GeneratorSession generated = generators.session(es, cached.orElse(null), decision.syncNow());
            try {
                Map<String, byte[]> data;
                try {
                    data = engine.fetch(es, stores, generated);
                } catch (ProviderException e) {
                    if (e.kind() == ProviderException.Kind.NOT_FOUND && Policies.deletion(es.getSpec()) != DeletionPolicy.Retain) {
                        return noDataLeft(es, context, e.getMessage());
                    }
                    throw e;
                }
                if (data.isEmpty() && Policies.deletion(es.getSpec()) != DeletionPolicy.Retain) {
                    return noDataLeft(es, context, "the provider returned no data");
                }
                String result = write(es, context, data, cached.orElse(null));
                status(es).generatorState = generated.commit(); // Coffer extension
                return synced(es, result, generated.rotates() ? Optional.empty() : decision.requeueAfter());
            } finally {
                generated.abandon(); // revokes leases issued by a sync that did not commit them
            }
        }
    }

    /** The write step; returns a message for the Ready condition. */
    private String write(ExternalSecret es, Context<ExternalSecret> context, Map<String, byte[]> data, Secret cached) {
        String ns = es.getMetadata().getNamespace();
        String target = Policies.targetName(es);
        Secret live = cached != null ? cached : client.secrets().inNamespace(ns).withName(target).get();
        SecretWritePlan plan = engine.plan(es, data, live, kube);
        switch (plan.action()) {
            case CREATE -> {
                Secret created = client.secrets().inNamespace(ns).resource(plan.secret()).create();
                managedSecrets(context).handleRecentResourceCreate(ResourceID.fromResource(created), created);
                LOG.infof("created Secret %s/%s for ExternalSecret %s", ns, target, es.getMetadata().getName());
                events.normal(es, "Created", "Created Secret " + target);
                return "secret synced";
            }
            case UPDATE -> {
                Secret updated = replace(live, plan.secret());
                managedSecrets(context).handleRecentResourceUpdate(ResourceID.fromResource(updated), updated, live);
                LOG.infof("updated Secret %s/%s for ExternalSecret %s", ns, target, es.getMetadata().getName());
                events.normal(es, "Updated", "Updated Secret " + target);
                return "secret synced";
            }
            default -> {
                return Policies.creation(es.getSpec()) == dev.coffer.api.externalsecrets.v1.CreationPolicy.None
                        ? "secret synced (creationPolicy None: nothing written)" : "secret synced";
            }
        }
    }

    /** Kubernetes forbids changing a Secret's type in place: such a change is a delete and create. */
    private Secret replace(Secret live, Secret next) {
        var secrets = client.secrets().inNamespace(live.getMetadata().getNamespace());
        if (live.getType() != null && !live.getType().equals(next.getType())) {
            secrets.withName(live.getMetadata().getName()).delete();
            next.getMetadata().setResourceVersion(null);
            return secrets.resource(next).create();
        }
        return secrets.resource(next).update();
    }

    /** deletionPolicy Delete or Merge, and the provider has nothing for us. */
    private UpdateControl<ExternalSecret> noDataLeft(ExternalSecret es, Context<ExternalSecret> context, String why) {
        String ns = es.getMetadata().getNamespace();
        String target = Policies.targetName(es);
        Secret live = client.secrets().inNamespace(ns).withName(target).get();
        String message;
        if (live == null) {
            message = why + "; there is no Secret to delete";
        } else if (Policies.deletion(es.getSpec()) == DeletionPolicy.Delete) {
            if (!SecretOwnership.controlledBy(live, es)) {
                throw new TargetConflictException(SyncFailure.REASON_ERROR, why + "; Secret " + target
                        + " is not controlled by this ExternalSecret, so it is not deleted");
            }
            client.secrets().inNamespace(ns).withName(target).delete();
            message = why + "; deleted Secret " + target + " (deletionPolicy Delete)";
            events.normal(es, "Deleted", message);
        } else {
            Secret trimmed = SecretOwnership.withoutMergedKeys(live);
            replace(live, trimmed);
            message = why + "; removed this ExternalSecret's keys from Secret " + target + " (deletionPolicy Merge)";
            events.normal(es, "Deleted", message);
        }
        LOG.infof("ExternalSecret %s/%s: %s", ns, es.getMetadata().getName(), message);
        ExternalSecretStatus status = status(es);
        status.conditions = Conditions.set(status.conditions, READY, "False", "SecretDeleted", message, Instant.now());
        status.syncedResourceVersion = RefreshPlanner.syncedResourceVersion(es.getMetadata());
        status.refreshTime = now();
        metrics.readyCondition(ns, es.getMetadata().getName(), false);
        UpdateControl<ExternalSecret> control = UpdateControl.patchStatus(es);
        RefreshPlanner.nextAfterSync(es).ifPresent(control::rescheduleAfter);
        return control;
    }

    /** @param maintenance for a sync that only maintained generator leases: the wait left until the refresh */
    private UpdateControl<ExternalSecret> synced(ExternalSecret es, String message, Optional<Duration> maintenance) {
        ExternalSecretStatus status = status(es);
        status.conditions = Conditions.set(status.conditions, READY, "True", "SecretSynced", message, Instant.now());
        if (maintenance.isEmpty()) {
            status.refreshTime = now();
        }
        status.syncedResourceVersion = RefreshPlanner.syncedResourceVersion(es.getMetadata());
        SecretBinding binding = new SecretBinding();
        binding.name = Policies.targetName(es);
        status.binding = binding;
        metrics.readyCondition(es.getMetadata().getNamespace(), es.getMetadata().getName(), true);
        UpdateControl<ExternalSecret> control = UpdateControl.patchStatus(es);
        Optional<Duration> refresh = maintenance.isPresent() ? maintenance : RefreshPlanner.nextAfterSync(es);
        generators.requeue(es, refresh, Instant.now()).ifPresent(control::rescheduleAfter);
        return control;
    }

    /** Reports a failed sync; the last good Secret was not touched (failures return before the write). */
    private UpdateControl<ExternalSecret> failed(ExternalSecret es, RuntimeException e) {
        SyncFailure failure = SyncFailure.of(e);
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

    @Override
    public DeleteControl cleanup(ExternalSecret es, Context<ExternalSecret> context) {
        metrics.forget(es.getMetadata().getNamespace(), es.getMetadata().getName());
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
