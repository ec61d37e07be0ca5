package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.CreationPolicy;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Combines the desired Secret with the live one per creationPolicy (pure). It decides whether
 * anything needs writing at all, so an unchanged Secret costs no API call.
 */
public final class SecretMerger {

    /** Written by Coffer before 0.2 to find the writer of Secrets without an ownerReference; now an index does that. */
    private static final String LEGACY_WRITTEN_BY = "coffer.dev/external-secret";

    private SecretMerger() {
    }

    public static SecretWritePlan plan(ExternalSecret es, DesiredSecret desired, Secret live) {
        CreationPolicy policy = Policies.creation(es.getSpec());
        if (policy == CreationPolicy.None) {
            return SecretWritePlan.none(live);
        }
        if (live != null) {
            checkNotOwnedByAnother(es, live);
        }
        if (live == null) {
            if (policy == CreationPolicy.Merge) {
                return SecretWritePlan.missing();
            }
            return new SecretWritePlan(SecretWritePlan.Action.CREATE, build(es, desired, null, policy));
        }
        Secret next = build(es, desired, live, policy);
        if (Boolean.TRUE.equals(live.getImmutable()) && !Objects.equals(orEmpty(live.getData()), orEmpty(next.getData()))) {
            // As upstream: an immutable Secret keeps the data it was created with.
            return new SecretWritePlan(SecretWritePlan.Action.KEEP_IMMUTABLE, live);
        }
        return sameContent(live, next) ? SecretWritePlan.none(live) : new SecretWritePlan(SecretWritePlan.Action.UPDATE, next);
    }

    private static Secret build(ExternalSecret es, DesiredSecret desired, Secret live, CreationPolicy policy) {
        boolean merge = live != null && (policy == CreationPolicy.Merge || policy == CreationPolicy.CreateOrMerge);
        Map<String, String> data = new TreeMap<>();
        Map<String, String> labels = new TreeMap<>();
        Map<String, String> annotations = new TreeMap<>();
        List<OwnerReference> owners = new ArrayList<>();
        List<String> finalizers = new ArrayList<>();
        String type = desired.type();
        if (live != null) {
            labels.putAll(orEmpty(live.getMetadata().getLabels()));
            annotations.putAll(orEmpty(live.getMetadata().getAnnotations()));
            annotations.remove(LEGACY_WRITTEN_BY);
            if (live.getMetadata().getOwnerReferences() != null) {
                owners.addAll(live.getMetadata().getOwnerReferences());
            }
            if (live.getMetadata().getFinalizers() != null) {
                finalizers.addAll(live.getMetadata().getFinalizers());
            }
            if (merge) {
                data.putAll(orEmpty(live.getData()));
                // the keys this ExternalSecret merged in last time go, so a key it no longer has goes too
                mergedKeys(live).forEach(data::remove);
                type = live.getType();
            }
        }
        data.putAll(desired.data());
        labels.putAll(desired.labels());
        annotations.putAll(desired.annotations());
        if (merge || policy == CreationPolicy.Merge || policy == CreationPolicy.CreateOrMerge) {
            annotations.put(ManagedSecret.ANNOTATION_MERGED_KEYS, String.join(",", new TreeSet<>(desired.data().keySet())));
        }
        if (policy == CreationPolicy.Owner) {
            labels.put(ManagedSecret.LABEL_CREATED_BY, ManagedSecret.createdBy(es.getMetadata().getNamespace(), es.getMetadata().getName()));
            if (owners.stream().noneMatch(o -> Boolean.TRUE.equals(o.getController()))) {
                owners.add(controllerRef(es));
            }
        } else {
            labels.remove(ManagedSecret.LABEL_CREATED_BY); // as upstream: only Owner Secrets carry it
        }
        for (String f : templateFinalizers(es)) {
            if (!finalizers.contains(f)) {
                finalizers.add(f);
            }
        }
        annotations.put(ManagedSecret.ANNOTATION_DATA_HASH, ManagedSecret.dataHash(data));
        ObjectMeta meta = new ObjectMeta();
        meta.setName(desired.name());
        meta.setNamespace(desired.namespace());
        meta.setLabels(labels);
        meta.setAnnotations(annotations);
        meta.setOwnerReferences(owners.isEmpty() ? null : owners);
        meta.setFinalizers(finalizers.isEmpty() ? null : finalizers);
        if (live != null) {
            meta.setResourceVersion(live.getMetadata().getResourceVersion());
        }
        return new SecretBuilder().withMetadata(meta).withType(type == null ? "Opaque" : type)
                .withData(data).withImmutable(desired.immutable() ? Boolean.TRUE : live == null ? null : live.getImmutable())
                .build();
    }

    /** The keys recorded in the merged-keys annotation of a Secret. */
    static List<String> mergedKeys(Secret secret) {
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        String keys = annotations == null ? null : annotations.get(ManagedSecret.ANNOTATION_MERGED_KEYS);
        return keys == null || keys.isEmpty() ? List.of() : List.of(keys.split(","));
    }

    private static List<String> templateFinalizers(ExternalSecret es) {
        var target = es.getSpec().target;
        if (target == null || target.template == null || target.template.metadata == null
                || target.template.metadata.finalizers == null) {
            return List.of();
        }
        return target.template.metadata.finalizers;
    }

    /** Upstream's ownership rule: a Secret controlled by another ExternalSecret is not ours to write. */
    private static void checkNotOwnedByAnother(ExternalSecret es, Secret live) {
        List<OwnerReference> refs = live.getMetadata().getOwnerReferences();
        if (refs == null) {
            return;
        }
        for (OwnerReference ref : refs) {
            if (Boolean.TRUE.equals(ref.getController()) && "ExternalSecret".equals(ref.getKind())
                    && !Objects.equals(ref.getUid(), es.getMetadata().getUid())) {
                throw new TargetConflictException("SecretSyncedError", "target is owned by another ExternalSecret ("
                        + ref.getName() + "): Secret " + live.getMetadata().getName() + " is not overwritten");
            }
        }
    }

    static OwnerReference controllerRef(ExternalSecret es) {
        return new OwnerReferenceBuilder().withApiVersion(es.getApiVersion()).withKind(es.getKind())
                .withName(es.getMetadata().getName()).withUid(es.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    private static boolean sameContent(Secret live, Secret next) {
        return Objects.equals(orEmpty(live.getData()), orEmpty(next.getData()))
                && Objects.equals(orEmptyList(live.getMetadata().getFinalizers()), orEmptyList(next.getMetadata().getFinalizers()))
                && Objects.equals(orEmpty(live.getMetadata().getLabels()), orEmpty(next.getMetadata().getLabels()))
                && Objects.equals(orEmpty(live.getMetadata().getAnnotations()), orEmpty(next.getMetadata().getAnnotations()))
                && Objects.equals(live.getType(), next.getType())
                && Objects.equals(Boolean.TRUE.equals(live.getImmutable()), Boolean.TRUE.equals(next.getImmutable()))
                && Objects.equals(orEmptyList(live.getMetadata().getOwnerReferences()), orEmptyList(next.getMetadata().getOwnerReferences()));
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> m) {
        return m == null ? Map.of() : new LinkedHashMap<>(m);
    }

    private static <T> List<T> orEmptyList(List<T> l) {
        return l == null ? List.of() : l;
    }
}
