package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to do with the live Secret, given the desired one: create, update, recreate (an immutable
 * Secret or a type change), nothing, or refuse (a Secret this SealedSecret does not manage). Pure.
 */
public record UnsealWritePlan(Action action, Secret secret, String refusal) {

    public enum Action { CREATE, UPDATE, RECREATE, NONE, REFUSE }

    public static UnsealWritePlan decide(SealedSecret owner, Secret desired, Secret live) {
        if (live == null) {
            return new UnsealWritePlan(Action.CREATE, desired, null);
        }
        if (annotated(live, UnsealedSecretShaper.PATCH)) {
            return patch(desired, live);
        }
        if (controlledBy(live, owner) || annotated(live, UnsealedSecretShaper.MANAGED)) {
            return takeOver(desired, live);
        }
        return new UnsealWritePlan(Action.REFUSE, null, "Resource \"" + live.getMetadata().getName()
                + "\" already exists and is not managed by SealedSecret");
    }

    /**
     * Merge data, labels and annotations into a Secret someone else owns; when it is also marked
     * managed, the SealedSecret takes ownership (its owner reference replaces the others), as upstream.
     */
    private static UnsealWritePlan patch(Secret desired, Secret live) {
        Secret merged = copyOf(live);
        merged.setData(merge(live.getData(), desired.getData()));
        merged.getMetadata().setLabels(merge(live.getMetadata().getLabels(), desired.getMetadata().getLabels()));
        merged.getMetadata().setAnnotations(merge(live.getMetadata().getAnnotations(),
                desired.getMetadata().getAnnotations()));
        if (annotated(live, UnsealedSecretShaper.MANAGED)) {
            merged.getMetadata().setOwnerReferences(desired.getMetadata().getOwnerReferences());
        }
        if (Objects.equals(merged.getData(), nonNull(live.getData()))
                && sameMetadata(merged.getMetadata(), live.getMetadata())) {
            return new UnsealWritePlan(Action.NONE, live, null);
        }
        boolean recreate = Boolean.TRUE.equals(live.getImmutable()) && !Objects.equals(merged.getData(), live.getData());
        return recreate ? recreate(merged) : new UnsealWritePlan(Action.UPDATE, merged, null);
    }

    /**
     * The Secret becomes exactly what the SealedSecret says, as upstream replaces it: data, type,
     * labels, annotations and owner references wholesale (none when the template skips them).
     */
    private static UnsealWritePlan takeOver(Secret desired, Secret live) {
        Secret next = copyOf(live);
        next.setData(nonNull(desired.getData()));
        next.setType(desired.getType());
        next.setImmutable(desired.getImmutable());
        next.getMetadata().setLabels(nonNull(desired.getMetadata().getLabels()));
        next.getMetadata().setAnnotations(nonNull(desired.getMetadata().getAnnotations()));
        next.getMetadata().setOwnerReferences(desired.getMetadata().getOwnerReferences());
        boolean sameContent = Objects.equals(next.getData(), nonNull(live.getData()))
                && Objects.equals(next.getType(), typeOf(live))
                && Objects.equals(next.getImmutable(), live.getImmutable());
        if (sameContent && sameMetadata(next.getMetadata(), live.getMetadata())) {
            return new UnsealWritePlan(Action.NONE, live, null);
        }
        boolean recreate = !Objects.equals(next.getType(), typeOf(live))
                || Boolean.TRUE.equals(live.getImmutable()) && !sameContent;
        return recreate ? recreate(next) : new UnsealWritePlan(Action.UPDATE, next, null);
    }

    private static UnsealWritePlan recreate(Secret next) {
        next.getMetadata().setResourceVersion(null);
        next.getMetadata().setUid(null);
        next.getMetadata().setCreationTimestamp(null);
        return new UnsealWritePlan(Action.RECREATE, next, null);
    }

    public static boolean controlledBy(Secret secret, SealedSecret owner) {
        if (secret.getMetadata().getOwnerReferences() == null) {
            return false;
        }
        for (OwnerReference ref : secret.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(ref.getController()) && SealedSecret.KIND.equals(ref.getKind())
                    && Objects.equals(ref.getUid(), owner.getMetadata().getUid())) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameMetadata(ObjectMeta a, ObjectMeta b) {
        return Objects.equals(nonNull(a.getLabels()), nonNull(b.getLabels()))
                && Objects.equals(nonNull(a.getAnnotations()), nonNull(b.getAnnotations()))
                && Objects.equals(a.getOwnerReferences() == null ? java.util.List.of() : a.getOwnerReferences(),
                b.getOwnerReferences() == null ? java.util.List.of() : b.getOwnerReferences());
    }

    private static String typeOf(Secret secret) {
        return secret.getType() == null || secret.getType().isEmpty() ? "Opaque" : secret.getType();
    }

    private static boolean annotated(Secret secret, String annotation) {
        Map<String, String> a = secret.getMetadata().getAnnotations();
        return a != null && "true".equals(a.get(annotation));
    }

    private static Map<String, String> merge(Map<String, String> base, Map<String, String> over) {
        Map<String, String> out = nonNull(base);
        out.putAll(nonNull(over));
        return out;
    }

    private static Map<String, String> nonNull(Map<String, String> map) {
        return map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
    }

    private static Secret copyOf(Secret live) {
        Secret copy = new Secret();
        copy.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder(live.getMetadata()).build());
        copy.setType(live.getType());
        copy.setImmutable(live.getImmutable());
        copy.setData(live.getData() == null ? null : new LinkedHashMap<>(live.getData()));
        return copy;
    }
}
