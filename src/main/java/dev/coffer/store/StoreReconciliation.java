package dev.coffer.store;

import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import dev.coffer.api.externalsecrets.v1.SecretStoreStatus;
import dev.coffer.kube.Conditions;
import dev.coffer.kube.EventRecorder;
import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.StoreIdentity;
import dev.coffer.gocompat.GoDuration;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * What SecretStore and ClusterSecretStore reconciles share: validate, set the Ready condition
 * and capabilities, record an event when the outcome changes, and say when to re-validate.
 */
public final class StoreReconciliation {

    private static final Logger LOG = Logger.getLogger(StoreReconciliation.class);
    /** Upstream's default re-validation interval. */
    public static final Duration DEFAULT_REVALIDATION = Duration.ofMinutes(5);

    private final StoreValidator validator;
    private final KubeAccess kube;
    private final EventRecorder events;
    private final Duration defaultRevalidation;
    private final ControllerClass controllerClass;

    public StoreReconciliation(StoreValidator validator, KubeAccess kube, EventRecorder events) {
        this(validator, kube, events, DEFAULT_REVALIDATION, ControllerClass.NONE);
    }

    /**
     * @param defaultRevalidation how often stores without spec.refreshInterval are re-validated
     * @param controllerClass     which stores are this controller's (the others are left alone)
     */
    public StoreReconciliation(StoreValidator validator, KubeAccess kube, EventRecorder events, Duration defaultRevalidation,
                               ControllerClass controllerClass) {
        this.validator = validator;
        this.kube = kube;
        this.events = events;
        this.defaultRevalidation = defaultRevalidation;
        this.controllerClass = controllerClass;
    }

    /** Whether this store belongs to this controller's class; others get no validation and no status. */
    public boolean serves(SecretStoreSpec spec) {
        return controllerClass.serves(spec);
    }

    /**
     * Validates the store and writes the outcome into {@code status}.
     *
     * @return true when the status changed and must be written
     */
    public boolean reconcile(HasMetadata store, StoreIdentity id, SecretStoreSpec spec, SecretStoreStatus status) {
        long generation = store.getMetadata().getGeneration() == null ? 0 : store.getMetadata().getGeneration();
        StoreValidator.Result result = validator.validate(new StoreContext(id, generation, spec,
                id.isCluster() ? null : id.namespace(), kube));
        String state = result.ready() ? "True" : "False";
        boolean unchanged = Conditions.same(status.conditions, "Ready", state, result.reason(), result.message())
                && result.capabilities().equals(status.capabilities);
        if (unchanged) {
            return false;
        }
        status.conditions = Conditions.set(status.conditions, "Ready", state, result.reason(), result.message(), Instant.now());
        status.capabilities = result.capabilities();
        if (result.ready()) {
            LOG.infof("%s is ready", id);
            events.normal(store, result.reason(), result.message());
        } else {
            LOG.warnf("%s is not ready: %s", id, result.message());
            events.warning(store, result.reason(), result.message());
        }
        return true;
    }

    /** A store was deleted: nothing of it is kept (its clients close, Vault tokens are revoked). */
    public void forget(StoreIdentity id) {
        validator.forget(id);
        LOG.debugf("%s deleted: its clients are closed", id);
    }

    /** How long until the next validation: spec.refreshInterval (seconds or a Go duration), else the default. */
    public Duration revalidation(SecretStoreSpec spec) {
        IntOrString interval = spec == null ? null : spec.refreshInterval;
        if (interval == null) {
            return defaultRevalidation;
        }
        try {
            Duration d = interval.getIntVal() != null ? Duration.ofSeconds(interval.getIntVal())
                    : GoDuration.parse(interval.getStrVal());
            return d.isZero() ? defaultRevalidation : d;
        } catch (IllegalArgumentException e) {
            return defaultRevalidation;
        }
    }
}
