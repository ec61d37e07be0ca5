package dev.coffer.rollout;

import io.fabric8.kubernetes.api.model.Secret;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The value of the pod-template annotation: one digest over the data of the Secrets a workload
 * restarts for, so that equal data gives an equal annotation (no rollout) and any change gives
 * another one (a rollout).
 *
 * <p>It is an HMAC-SHA-256 keyed with the Secrets' UIDs rather than a bare hash: anyone who may
 * read the Deployment sees the annotation, and a bare hash of a short value (a PIN, a word) could
 * be checked against guesses offline. The UIDs are only known to who may read the Secrets. A
 * Secret deleted and created again gets a new UID, hence a rollout, as its pods would need anyway.
 */
public final class SecretDataHash {

    private SecretDataHash() {
    }

    /**
     * @param secrets by name; a null value is a Secret that does not exist (it counts, as absent)
     */
    public static String of(Map<String, Secret> secrets) {
        Map<String, Secret> sorted = new TreeMap<>(secrets);
        StringBuilder key = new StringBuilder("coffer-secret-hash");
        for (Secret s : sorted.values()) {
            if (s != null && s.getMetadata() != null && s.getMetadata().getUid() != null) {
                key.append('/').append(s.getMetadata().getUid());
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.toString().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (Map.Entry<String, Secret> e : sorted.entrySet()) {
                field(mac, e.getKey().getBytes(StandardCharsets.UTF_8));
                Secret s = e.getValue();
                if (s == null) {
                    field(mac, new byte[] {0});
                    continue;
                }
                field(mac, new byte[] {1});
                Map<String, byte[]> data = data(s);
                field(mac, ByteBuffer.allocate(4).putInt(data.size()).array());
                for (Map.Entry<String, byte[]> d : data.entrySet()) {
                    field(mac, d.getKey().getBytes(StandardCharsets.UTF_8));
                    field(mac, d.getValue());
                }
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** The Secret's effective bytes: {@code data} decoded, with {@code stringData} over it as the API server would apply it. */
    private static Map<String, byte[]> data(Secret s) {
        Map<String, byte[]> out = new TreeMap<>();
        if (s.getData() != null) {
            s.getData().forEach((k, v) -> out.put(k, v == null ? new byte[0] : Base64.getMimeDecoder().decode(v)));
        }
        if (s.getStringData() != null) {
            s.getStringData().forEach((k, v) -> out.put(k, v == null ? new byte[0] : v.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Length-prefixed, so that no two different inputs feed the same bytes. */
    private static void field(Mac mac, byte[] bytes) {
        mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        mac.update(bytes);
    }
}
