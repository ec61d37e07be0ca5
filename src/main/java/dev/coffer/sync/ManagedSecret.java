package dev.coffer.sync;

import io.fabric8.kubernetes.api.model.Secret;

import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The marks a synced Secret carries, and the drift check built on them: a Secret that lost the
 * managed label, or whose data no longer matches its data-hash annotation, was changed behind
 * Coffer's back and is rewritten.
 */
public final class ManagedSecret {

    public static final String LABEL_MANAGED = "reconcile.external-secrets.io/managed";
    public static final String ANNOTATION_DATA_HASH = "reconcile.external-secrets.io/data-hash";
    /**
     * ESO's mark of the ExternalSecret that created a Secret with creationPolicy Owner: the hash of
     * "namespace/name". It finds the Secret left behind when target.name changes.
     */
    public static final String LABEL_CREATED_BY = "reconcile.external-secrets.io/created-by";
    /**
     * The keys a Merge or CreateOrMerge ExternalSecret put into a Secret it does not own, so a later
     * sync (or deletionPolicy Merge) removes exactly those and leaves the owner's keys alone. ESO
     * reads the same from its field manager in managedFields, which Coffer does not rely on.
     */
    public static final String ANNOTATION_MERGED_KEYS = "coffer.dev/merged-keys";

    /** The created-by label value for an ExternalSecret. */
    public static String createdBy(String namespace, String name) {
        return EsoHash.ofString(namespace + "/" + name);
    }

    private ManagedSecret() {
    }

    /** ESO's data hash of Secret data (base64 values, as Kubernetes stores them): see {@link EsoHash}. */
    public static String dataHash(Map<String, String> base64Data) {
        Map<String, byte[]> decoded = new TreeMap<>();
        if (base64Data != null) {
            base64Data.forEach((k, v) -> decoded.put(k, Base64.getDecoder().decode(v == null ? "" : v)));
        }
        return EsoHash.ofData(decoded);
    }

    /** Whether a live Secret still is exactly what Coffer last wrote. */
    public static boolean isIntact(Secret secret) {
        return secret != null && isIntact(secret, dataHash(secret.getData()));
    }

    /** As {@link #isIntact(Secret)}, with the hash of its data computed before (the data itself not at hand). */
    public static boolean isIntact(Secret secret, String dataHash) {
        if (secret == null || secret.getMetadata() == null) {
            return false;
        }
        Map<String, String> labels = secret.getMetadata().getLabels();
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        if (labels == null || !"true".equals(labels.get(LABEL_MANAGED)) || annotations == null) {
            return false;
        }
        return dataHash.equals(annotations.get(ANNOTATION_DATA_HASH));
    }
}
