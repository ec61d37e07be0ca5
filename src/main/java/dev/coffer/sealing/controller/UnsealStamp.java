package dev.coffer.sealing.controller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.SealedSecretUnsealer;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.keys.KeyRing;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether a Secret is already what its SealedSecret unseals to, told without an RSA operation: on
 * every restart, and on the echo of each write, the SealedSecret would otherwise be unsealed again.
 *
 * <p>The unsealed Secret carries {@link #ANNOTATION} = {@code v1:<fingerprint>:<mac>}: HMAC-SHA256,
 * under a key derived from the private key that opened the values, of the digest of the sealed
 * input (name, namespace, uid, scope label, spec) and of the Secret's content as written (the
 * digest of its data, type, immutability, labels, annotations but this one, owner references).
 * The data enters by digest so that the owned-Secret cache, which keeps no values, can decide. A changed SealedSecret,
 * an edited, replaced or removed Secret, or a key no longer held leaves no matching stamp, and the
 * SealedSecret is unsealed again. Keyed, so the annotation tells nothing about the values to
 * whoever sees metadata only (dashboards that mask data). Pure.
 */
public final class UnsealStamp {

    public static final String ANNOTATION = "coffer.dev/unseal-stamp";
    private static final String VERSION = "v1";
    private static final byte[] KEY_CONTEXT = "coffer unseal stamp v1\0".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .build();

    private final SealingKey key;
    private final byte[] input;

    private UnsealStamp(SealingKey key, byte[] input) {
        this.key = key;
        this.input = input;
    }

    /** The stamp for Secrets unsealed from this SealedSecret with this key (none when no key opened anything). */
    public static Optional<UnsealStamp> of(SealingKey key, SealedSecret sealedSecret) {
        return key == null ? Optional.empty() : Optional.of(new UnsealStamp(key, inputDigest(sealedSecret)));
    }

    /** Whether the live Secret carries a stamp, by a key of the ring, for this very input and its own content. */
    public static boolean matches(Secret live, SealedSecret sealedSecret, KeyRing ring) {
        return matches(live, dataDigest(live.getData()), sealedSecret, ring);
    }

    /**
     * As {@link #matches(Secret, SealedSecret, KeyRing)}, for a Secret known by its metadata and
     * type and the {@link #dataDigest} of its data (what the owned-Secret cache keeps).
     */
    public static boolean matches(Secret metadata, byte[] dataDigest, SealedSecret sealedSecret, KeyRing ring) {
        String stamp = annotation(metadata);
        // the fingerprint ("SHA256:...") has a colon of its own: it lies between the first and the last
        int mac = stamp == null ? -1 : stamp.lastIndexOf(':');
        if (mac < 0 || !stamp.startsWith(VERSION + ":") || mac <= VERSION.length()) {
            return false;
        }
        String fingerprint = stamp.substring(VERSION.length() + 1, mac);
        for (SealingKey k : ring.newestFirst()) {
            if (k.fingerprint().equals(fingerprint)) {
                String expected = new UnsealStamp(k, inputDigest(sealedSecret)).valueFor(metadata, dataDigest);
                return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        stamp.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return false;
    }

    /** SHA-256 of a Secret's data (keys in order): what the stamp covers of the values. */
    public static byte[] dataDigest(Map<String, String> data) {
        return sha256(canonical(data == null ? Map.of() : data));
    }

    /** The Secret with this stamp, computed over its content (any stamp it had is replaced). */
    public Secret on(Secret secret) {
        String value = valueFor(secret, dataDigest(secret.getData()));
        Map<String, String> annotations = secret.getMetadata().getAnnotations() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(secret.getMetadata().getAnnotations());
        annotations.put(ANNOTATION, value);
        secret.getMetadata().setAnnotations(annotations);
        return secret;
    }

    /** Whether the Secret carries a stamp at all, current or not. */
    public static boolean isStamped(Secret secret) {
        return annotation(secret) != null;
    }

    /** A copy of the Secret without its stamp, for comparing with what the SealedSecret asks (null stays null). */
    public static Secret without(Secret secret) {
        if (secret == null || annotation(secret) == null) {
            return secret;
        }
        Secret copy = new Secret();
        copy.setApiVersion(secret.getApiVersion());
        copy.setKind(secret.getKind());
        copy.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder(secret.getMetadata()).build());
        Map<String, String> annotations = new LinkedHashMap<>(secret.getMetadata().getAnnotations());
        annotations.remove(ANNOTATION);
        copy.getMetadata().setAnnotations(annotations);
        copy.setType(secret.getType());
        copy.setImmutable(secret.getImmutable());
        copy.setData(secret.getData());
        copy.setStringData(secret.getStringData());
        return copy;
    }

    private String valueFor(Secret secret, byte[] dataDigest) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(macKey(key), "HmacSHA256"));
            mac.update(input);
            mac.update(content(secret, dataDigest));
            return VERSION + ":" + key.fingerprint() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot compute HMAC-SHA256", e);
        }
    }

    private static byte[] macKey(SealingKey key) throws GeneralSecurityException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(KEY_CONTEXT);
        return sha.digest(key.privateKey().getEncoded());
    }

    /** SHA-256 of everything in the SealedSecret that decides the Secret: a 32-byte, fixed-length prefix. */
    static byte[] inputDigest(SealedSecret sealedSecret) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("namespace", sealedSecret.getMetadata().getNamespace());
        input.put("name", sealedSecret.getMetadata().getName());
        input.put("uid", sealedSecret.getMetadata().getUid());
        input.put("label", Base64.getEncoder().encodeToString(SealedSecretUnsealer.labelOf(sealedSecret)));
        input.put("spec", sealedSecret.getSpec());
        return sha256(canonical(input));
    }

    private static byte[] content(Secret secret, byte[] dataDigest) {
        ObjectMeta meta = secret.getMetadata();
        Map<String, String> annotations = meta.getAnnotations() == null ? new TreeMap<>() : new TreeMap<>(meta.getAnnotations());
        annotations.remove(ANNOTATION);
        List<Map<String, Object>> owners = new ArrayList<>();
        for (OwnerReference o : meta.getOwnerReferences() == null ? List.<OwnerReference>of() : meta.getOwnerReferences()) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("apiVersion", o.getApiVersion());
            ref.put("kind", o.getKind());
            ref.put("name", o.getName());
            ref.put("uid", o.getUid());
            ref.put("controller", o.getController());
            ref.put("blockOwnerDeletion", o.getBlockOwnerDeletion());
            owners.add(ref);
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("type", secret.getType() == null || secret.getType().isEmpty() ? "Opaque" : secret.getType());
        content.put("immutable", Boolean.TRUE.equals(secret.getImmutable()));
        content.put("data", Base64.getEncoder().encodeToString(dataDigest));
        content.put("labels", meta.getLabels() == null ? Map.of() : meta.getLabels());
        content.put("annotations", annotations);
        content.put("ownerReferences", owners);
        return canonical(content);
    }

    private static byte[] canonical(Object value) {
        try {
            return CANONICAL.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize for the unseal stamp: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static String annotation(Secret secret) {
        Map<String, String> a = secret.getMetadata() == null ? null : secret.getMetadata().getAnnotations();
        return a == null ? null : a.get(ANNOTATION);
    }
}
