package dev.coffer.sync;

import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
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
    /** Which ExternalSecret writes this Secret ("namespace/name"), for policies without an ownerReference. */
    public static final String ANNOTATION_WRITTEN_BY = "coffer.dev/external-secret";
    /** The keys this ExternalSecret merged in, so deletionPolicy Merge removes only those. */
    public static final String ANNOTATION_MERGED_KEYS = "coffer.dev/merged-keys";

    private ManagedSecret() {
    }

    /** A stable hash of Secret data (base64 values as Kubernetes stores them). */
    public static String dataHash(Map<String, String> base64Data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> e : new TreeMap<>(base64Data == null ? Map.<String, String>of() : base64Data).entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Base64.getDecoder().decode(e.getValue() == null ? "" : e.getValue()));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Whether a live Secret still is exactly what Coffer last wrote. */
    public static boolean isIntact(Secret secret) {
        if (secret == null || secret.getMetadata() == null) {
            return false;
        }
        Map<String, String> labels = secret.getMetadata().getLabels();
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        if (labels == null || !"true".equals(labels.get(LABEL_MANAGED)) || annotations == null) {
            return false;
        }
        return dataHash(secret.getData()).equals(annotations.get(ANNOTATION_DATA_HASH));
    }
}
