package dev.coffer.fanout;

import dev.coffer.failure.KubeOperationFailure;
import dev.coffer.api.externalsecrets.v1.NamespaceFailure;
import dev.coffer.api.externalsecrets.v1.StampedMetadata;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Stamps one namespaced resource into many namespaces for a cluster-scoped owner, the part
 * ClusterExternalSecret and ClusterPushSecret share. Each child carries a controller owner
 * reference, so the garbage collector removes the children with their owner, and a cleanup pass
 * deletes the children in namespaces no longer selected (or under an old name). No finalizer is
 * put on namespaces (upstream's left namespaces stuck in Terminating). A resource of the same name
 * that this owner does not control is left alone and its namespace reported as failed.
 *
 * @param <T> the child kind (ExternalSecret, PushSecret)
 * @param <S> its spec
 */
final class Fanout<T extends CustomResource<S, ?>, S> {

    private static final Logger LOG = Logger.getLogger(Fanout.class);

    /** What a pass did: namespaces provisioned (sorted) and those that failed, with why. */
    record Result(List<String> provisioned, List<NamespaceFailure> failed) {
    }

    private final KubernetesClient client;
    private final Class<T> type;
    private final Supplier<T> factory;
    private final String existsMessage;

    /** @param existsMessage the failure reason for a same-name resource not controlled by the owner */
    Fanout(KubernetesClient client, Class<T> type, Supplier<T> factory, String existsMessage) {
        this.client = client;
        this.type = type;
        this.factory = factory;
        this.existsMessage = existsMessage;
    }

    /**
     * @param owned every child the owner controls now (from the informer cache), for the cleanup pass
     */
    Result apply(HasMetadata owner, String name, StampedMetadata metadata, S spec, Set<String> namespaces, List<T> owned) {
        List<String> provisioned = new ArrayList<>();
        List<NamespaceFailure> failed = new ArrayList<>();
        for (String ns : new TreeSet<>(namespaces)) {
            try {
                T existing = client.resources(type).inNamespace(ns).withName(name).get();
                if (existing != null && !controlledBy(existing, owner)) {
                    failed.add(new NamespaceFailure(ns, existsMessage));
                    continue;
                }
                T desired = desired(owner, ns, name, metadata, spec, existing);
                if (existing == null) {
                    client.resource(desired).create();
                    LOG.infof("created %s %s/%s for %s", type.getSimpleName(), ns, name, owner.getMetadata().getName());
                } else if (!same(existing, desired)) {
                    client.resource(desired).update();
                }
                provisioned.add(ns);
            } catch (KubernetesClientException e) {
                failed.add(new NamespaceFailure(ns, new KubeOperationFailure("writing " + type.getSimpleName() + " " + name, e).explanation()));
            }
        }
        for (T child : owned) {
            String ns = child.getMetadata().getNamespace();
            if (!namespaces.contains(ns) || !name.equals(child.getMetadata().getName())) {
                try {
                    client.resource(child).delete();
                    LOG.infof("deleted %s %s/%s: no longer selected by %s", type.getSimpleName(), ns,
                            child.getMetadata().getName(), owner.getMetadata().getName());
                } catch (KubernetesClientException e) {
                    failed.add(new NamespaceFailure(ns, new KubeOperationFailure("deleting " + type.getSimpleName() + " "
                            + child.getMetadata().getName(), e).explanation()));
                }
            }
        }
        return new Result(provisioned, failed);
    }

    static boolean controlledBy(HasMetadata child, HasMetadata owner) {
        List<OwnerReference> refs = child.getMetadata().getOwnerReferences();
        return refs != null && refs.stream().anyMatch(r -> Boolean.TRUE.equals(r.getController())
                && Objects.equals(r.getUid(), owner.getMetadata().getUid()));
    }

    private T desired(HasMetadata owner, String ns, String name, StampedMetadata metadata, S spec, T existing) {
        T child = factory.get();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(ns);
        meta.setLabels(metadata == null || metadata.labels == null ? null : new TreeMap<>(metadata.labels));
        meta.setAnnotations(metadata == null || metadata.annotations == null ? null : new TreeMap<>(metadata.annotations));
        meta.setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind()).withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).build())); // no blockOwnerDeletion: it would need owner/finalizers RBAC
        if (existing != null) {
            meta.setResourceVersion(existing.getMetadata().getResourceVersion());
            meta.setFinalizers(existing.getMetadata().getFinalizers()); // the child's own controller's
        }
        child.setMetadata(meta);
        child.setSpec(copy(spec));
        return child;
    }

    @SuppressWarnings("unchecked")
    private S copy(S spec) {
        return (S) Serialization.jsonMapper().convertValue(spec, spec.getClass());
    }

    private boolean same(T existing, T desired) {
        var json = Serialization.jsonMapper();
        return covers(json.valueToTree(existing.getSpec()), json.valueToTree(desired.getSpec()))
                && Objects.equals(orEmpty(existing.getMetadata().getLabels()), orEmpty(desired.getMetadata().getLabels()))
                && Objects.equals(orEmpty(existing.getMetadata().getAnnotations()), orEmpty(desired.getMetadata().getAnnotations()))
                && Objects.equals(existing.getMetadata().getOwnerReferences(), desired.getMetadata().getOwnerReferences());
    }

    /**
     * Whether {@code live} holds everything {@code wanted} sets. Fields the API server filled in
     * (CRD defaults) are not a difference, or every pass would update the child and wake itself.
     */
    static boolean covers(com.fasterxml.jackson.databind.JsonNode live, com.fasterxml.jackson.databind.JsonNode wanted) {
        if (wanted == null || wanted.isNull()) {
            return true;
        }
        if (live == null) {
            return false;
        }
        if (wanted.isObject()) {
            if (!live.isObject()) {
                return false;
            }
            for (var it = wanted.fields(); it.hasNext(); ) {
                var field = it.next();
                if (!covers(live.get(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (wanted.isArray()) {
            if (!live.isArray() || live.size() != wanted.size()) {
                return false;
            }
            for (int i = 0; i < wanted.size(); i++) {
                if (!covers(live.get(i), wanted.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return wanted.equals(live);
    }

    private static Map<String, String> orEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
