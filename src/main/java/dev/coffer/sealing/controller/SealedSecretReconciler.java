package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecretCondition;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecretStatus;
import dev.coffer.audit.AuditTrail;
import dev.coffer.failure.EscapedErrors;
import dev.coffer.failure.FailureReport;
import dev.coffer.failure.KubeOperationFailure;
import dev.coffer.failure.RetryBackoff;
import dev.coffer.kube.DeletionEventSource;
import dev.coffer.kube.LazyEventSources;
import dev.coffer.metrics.SealingMetrics;
import dev.coffer.sealing.SealedSecretUnsealer;
import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.keys.KeyRegistry;
import jakarta.inject.Inject;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Unseals SealedSecrets into Secrets: plan (label, key order) → decrypt → shape → write, then
 * status and events. A SealedSecret that fails to unseal leaves the existing Secret as it is.
 */
@ControllerConfiguration(name = SealedSecretReconciler.NAME)
public class SealedSecretReconciler implements Reconciler<SealedSecret> {

    public static final String NAME = "sealedsecret";
    private static final Logger LOG = Logger.getLogger(SealedSecretReconciler.class);
    /** sealed-secrets' reason for a failure that is not the unseal's own; an invalid spec is named as such. */
    static final FailureReport.Vocabulary WORDS = new FailureReport.Vocabulary(Outcome.ERR_UPDATE_FAILED, "invalid SealedSecret: ");

    private final KeyRegistry keys;
    private final UnsealedSecretWriter writer;
    private final SealedSecretEvents events;
    private final SealingMetrics metrics;
    private final AuditTrail audit;
    private final UnsealedSecretShaper shaper = new UnsealedSecretShaper(TemplateData.standard());
    private static final String OWNED_SECRETS = "owned-secrets";
    private final MetadataOnlySecretStore ownedSecrets = new MetadataOnlySecretStore();
    private final RetryBackoff backoff = new RetryBackoff();

    public SealedSecretReconciler(KeyRegistry keys, UnsealedSecretWriter writer, SealedSecretEvents events, SealingMetrics metrics) {
        this(keys, writer, events, metrics, AuditTrail.OFF);
    }

    @Inject
    public SealedSecretReconciler(KeyRegistry keys, UnsealedSecretWriter writer, SealedSecretEvents events, SealingMetrics metrics,
                                  AuditTrail audit) {
        this.audit = audit;
        this.keys = keys;
        this.writer = writer;
        this.events = events;
        this.metrics = metrics;
    }

    @Override
    public List<EventSource<?, SealedSecret>> prepareEventSources(EventSourceContext<SealedSecret> context) {
        // A deleted SealedSecret's key hint and metric series go (no finalizer: upstream has none;
        // its Secret goes by the owner reference).
        var deletions = new DeletionEventSource<>(SealedSecret.class, context.getClient(), context.getControllerConfiguration(),
                gone -> {
                    keys.forget(gone);
                    backoff.reset(idOf(gone));
                    backoff.reset(EscapedErrors.statusKey(gone));
                    metrics.forget(gone.getMetadata().getNamespace(), gone.getMetadata().getName());
                });
        return List.of(new KeyChangeEventSource(keys, context.getPrimaryCache()), deletions);
    }

    /**
     * The watch of the Secrets SealedSecrets own, started by the first SealedSecret reconciled
     * ({@link LazyEventSources}): Secrets carry no label to select them by, so it lists every
     * Secret, which a cluster without SealedSecrets should not pay for.
     */
    private void watchOwnedSecrets(Context<SealedSecret> context) {
        LazyEventSources.registered(context, Secret.class, OWNED_SECRETS, events -> new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Secret.class, SealedSecret.class)
                        .withName(OWNED_SECRETS)
                        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(SealedSecret.class))
                        // its Secret has its name: JOSDK then keeps no index with a set per SealedSecret
                        .withPrimaryToSecondaryMapper((SealedSecret ss) -> Set.of(ResourceID.fromResource(ss)))
                        .withItemStore(ownedSecrets)
                        .build(), events));
    }

    @Override
    public UpdateControl<SealedSecret> reconcile(SealedSecret sealedSecret, Context<SealedSecret> context) throws Exception {
        watchOwnedSecrets(context);
        return unseal(sealedSecret);
    }

    /**
     * The reconcile once the owned Secrets are watched. Tests that drive the reconciler by hand
     * feed {@link #ownedSecrets()} from an informer of their own and call this.
     */
    UpdateControl<SealedSecret> unseal(SealedSecret sealedSecret) throws Exception {
        Outcome outcome;
        boolean written = false;
        String ns = sealedSecret.getMetadata().getNamespace();
        metrics.unsealRequest();
        try {
            // Already unsealed from this very input, and untouched since: no RSA operation. The
            // cache decides without a request (on a restart, on the echo of each write); a Secret
            // it holds is read (it keeps no values), one it has not seen is created without a read.
            String name = sealedSecret.getMetadata().getName();
            if (ownedSecrets.stampedFor(ns, name, sealedSecret, keys.ring())) {
                return report(sealedSecret, Outcome.unsealed(), false);
            }
            Secret live = ownedSecrets.holds(ns, name) ? writer.live(ns, name) : null;
            if (live != null && UnsealStamp.matches(live, sealedSecret, keys.ring())) {
                return report(sealedSecret, Outcome.unsealed(), false);
            }
            SealedSecretUnsealer.Unsealed unsealed = audit.unseal(ns, name, () -> keys.unseal(sealedSecret));
            Secret desired = shaper.shape(sealedSecret, unsealed.values());
            written = writer.write(sealedSecret, desired, live, UnsealStamp.of(unsealed.key(), sealedSecret));
            outcome = Outcome.unsealed();
            if (written) {
                LOG.infof("unsealed %s into its Secret (key %s)", idOf(sealedSecret),
                        unsealed.key() == null ? "none" : unsealed.key().fingerprint());
            }
        } catch (SealingException e) {
            metrics.unsealError(SealingMetrics.UNSEAL, ns);
            outcome = Outcome.unsealFailed(e.getMessage());
        } catch (UnsealedSecretWriter.NotManagedException e) {
            metrics.unsealError(SealingMetrics.UNMANAGED, ns);
            outcome = Outcome.updateFailed(e.getMessage());
        } catch (RuntimeException e) {
            // the shared path: the same failure reads as on the other controllers, and is retried
            // with the shared backoff when retrying can help
            Exception named = e instanceof KubernetesClientException k
                    ? new KubeOperationFailure("reading or writing the Secret " + idOf(sealedSecret), k) : e;
            FailureReport failure = FailureReport.of(named, WORDS);
            if (failure.unexpected()) {
                LOG.errorf(e, "SealedSecret %s: unexpected error", idOf(sealedSecret));
            } else {
                LOG.warnf("SealedSecret %s: %s", idOf(sealedSecret), failure.message());
            }
            metrics.unsealError(SealingMetrics.UPDATE, ns);
            UpdateControl<SealedSecret> control = report(sealedSecret, new Outcome(false, failure.reason(), failure.message(), "Warning"), false);
            return failure.retryable() ? control.rescheduleAfter(backoff.next(idOf(sealedSecret))) : control;
        }
        backoff.reset(idOf(sealedSecret));
        return report(sealedSecret, outcome, written);
    }

    /** A failed status patch (what escapes {@link #reconcile}): one line, and a retry after the shared backoff. */
    @Override
    public ErrorStatusUpdateControl<SealedSecret> updateErrorStatus(SealedSecret sealedSecret,
                                                                    Context<SealedSecret> context, Exception e) {
        metrics.unsealError(SealingMetrics.UPDATE, sealedSecret.getMetadata().getNamespace());
        return EscapedErrors.retryLater(sealedSecret, e, WORDS, backoff, LOG);
    }

    private UpdateControl<SealedSecret> report(SealedSecret sealedSecret, Outcome outcome, boolean written) {
        SealedSecretStatus current = sealedSecret.getStatus();
        SealedSecretCondition previous = current == null || current.getConditions() == null
                || current.getConditions().isEmpty() ? null : current.getConditions().get(0);
        SealedSecretCondition next = outcome.condition();
        metrics.synced(sealedSecret.getMetadata().getNamespace(), sealedSecret.getMetadata().getName(), outcome.synced());
        Long generation = sealedSecret.getMetadata().getGeneration();
        boolean conditionChanged = !next.sameStateAs(previous);
        if (written || !outcome.synced() || conditionChanged) {
            events.record(sealedSecret, outcome);
        }
        if (!conditionChanged && current != null && java.util.Objects.equals(current.getObservedGeneration(), generation)) {
            return UpdateControl.noUpdate();
        }
        String now = Instant.now().toString();
        next.setLastUpdateTime(now);
        next.setLastTransitionTime(previous != null && previous.getStatus().equals(next.getStatus())
                && previous.getLastTransitionTime() != null ? previous.getLastTransitionTime() : now);
        SealedSecretStatus status = new SealedSecretStatus();
        status.setObservedGeneration(generation);
        status.setConditions(List.of(next));
        sealedSecret.setStatus(status);
        return UpdateControl.patchStatus(sealedSecret);
    }

    /** The owned-Secret informer's store, for a test to feed it from an informer of its own. */
    MetadataOnlySecretStore ownedSecrets() {
        return ownedSecrets;
    }

    private static String idOf(SealedSecret s) {
        return s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
    }
}
