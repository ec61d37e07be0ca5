package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.audit.AuditRecord;
import dev.coffer.audit.AuditTrail;
import dev.coffer.kube.EventRecorder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.function.Supplier;

/**
 * The I/O of the write step: create, update or delete the target Secret as planned, delete the
 * Secrets an ExternalSecret left behind under an earlier target.name, and record the events.
 * Every write goes through the managed-Secrets informer so the next reconcile sees it at once.
 */
final class SecretWriter {

    static final String DELETED_BY_POLICY = "secret deleted due to DeletionPolicy=Delete";

    private static final Logger LOG = Logger.getLogger(SecretWriter.class);

    private final KubernetesClient client;
    private final EventRecorder events;
    private final AuditTrail audit;

    SecretWriter(KubernetesClient client, EventRecorder events, AuditTrail audit) {
        this.client = client;
        this.events = events;
        this.audit = audit;
    }

    /** Carries out a CREATE or UPDATE plan; other plans write nothing. */
    void apply(ExternalSecret es, SecretWritePlan plan, Secret live, InformerEventSource<Secret, ExternalSecret> cache) {
        String ns = es.getMetadata().getNamespace();
        String target = Policies.targetName(es);
        switch (plan.action()) {
            case CREATE -> {
                Secret created = audited(es, AuditRecord.Action.SECRET_CREATE, target,
                        () -> client.secrets().inNamespace(ns).resource(plan.secret()).create());
                cache.handleRecentResourceCreate(ResourceID.fromResource(created), created);
                LOG.infof("created Secret %s/%s for ExternalSecret %s", ns, target, es.getMetadata().getName());
                events.normal(es, "Created", "Created Secret " + target);
            }
            case UPDATE -> {
                Secret updated = audited(es, AuditRecord.Action.SECRET_UPDATE, target, () -> replace(live, plan.secret()));
                cache.handleRecentResourceUpdate(ResourceID.fromResource(updated), updated, live);
                LOG.infof("updated Secret %s/%s for ExternalSecret %s", ns, target, es.getMetadata().getName());
                events.normal(es, "Updated", "Updated Secret " + target);
            }
            default -> {
            }
        }
    }

    /** deletionPolicy Delete with nothing left at the provider: the target goes, if this ExternalSecret controls it. */
    void deleteTarget(ExternalSecret es, Secret live) {
        if (live == null) {
            return;
        }
        if (!SecretOwnership.controlledBy(live, es)) {
            throw new TargetConflictException(SyncFailure.REASON_ERROR, "the provider has nothing left, but Secret "
                    + live.getMetadata().getName() + " is not controlled by this ExternalSecret, so it is not deleted");
        }
        audited(es, AuditRecord.Action.SECRET_DELETE, live.getMetadata().getName(),
                () -> client.secrets().inNamespace(live.getMetadata().getNamespace()).withName(live.getMetadata().getName()).delete());
        LOG.infof("ExternalSecret %s/%s: deleted Secret %s (deletionPolicy Delete, nothing left at the provider)",
                es.getMetadata().getNamespace(), es.getMetadata().getName(), live.getMetadata().getName());
        events.normal(es, "Deleted", DELETED_BY_POLICY);
    }

    /**
     * Deletes the Secrets this ExternalSecret created under another name (target.name changed), as
     * upstream: found by the created-by label in the informer cache (no API list), and deleted only
     * when this ExternalSecret also controls them.
     */
    void deleteOrphans(ExternalSecret es, InformerEventSource<Secret, ExternalSecret> cache) {
        String ns = es.getMetadata().getNamespace();
        String target = Policies.targetName(es);
        String mark = ManagedSecret.createdBy(ns, es.getMetadata().getName());
        List<Secret> orphans = cache.list(s -> ns.equals(s.getMetadata().getNamespace()) && !target.equals(s.getMetadata().getName())
                && s.getMetadata().getLabels() != null && mark.equals(s.getMetadata().getLabels().get(ManagedSecret.LABEL_CREATED_BY))
                && SecretOwnership.controlledBy(s, es)).toList();
        for (Secret orphan : orphans) {
            audited(es, AuditRecord.Action.SECRET_DELETE, orphan.getMetadata().getName(),
                    () -> client.secrets().inNamespace(ns).withName(orphan.getMetadata().getName()).delete());
            LOG.infof("ExternalSecret %s/%s: deleted Secret %s, which it created before target.name changed",
                    ns, es.getMetadata().getName(), orphan.getMetadata().getName());
            events.normal(es, "Deleted", "Deleted Secret " + orphan.getMetadata().getName()
                    + ": orphaned by a change of target.name");
        }
    }

    /** Runs one write and records it in the audit trail, with its outcome. */
    private <T> T audited(ExternalSecret es, AuditRecord.Action action, String secret, Supplier<T> write) {
        String ns = es.getMetadata().getNamespace();
        try {
            T result = write.get();
            audit.secret(action, ns, "ExternalSecret", es.getMetadata().getName(), secret, AuditRecord.SUCCESS);
            return result;
        } catch (RuntimeException e) {
            audit.secret(action, ns, "ExternalSecret", es.getMetadata().getName(), secret, AuditRecord.failure(e));
            throw e;
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
}
