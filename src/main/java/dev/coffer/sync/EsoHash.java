package dev.coffer.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * ESO's {@code utils.ObjectHash}, byte for byte: the lowercase hex SHA3-224 of the text Go's
 * {@code fmt.Sprintf("%+v", value)} prints. Coffer writes the very values ESO writes (the
 * {@code data-hash} annotation, {@code status.syncedResourceVersion}), so Secrets and statuses
 * written by either controller read as intact and fresh to the other: a takeover from ESO costs
 * no provider call until a refresh is due.
 *
 * <p>Go prints a map as {@code map[k1:v1 k2:v2]} with keys sorted byte-wise, a {@code []byte} as
 * its decimal bytes ({@code [104 105]}), a struct with {@code %+v} as {@code {field:value ...}},
 * and nil maps and slices like empty ones. Strings are printed raw, unquoted.
 */
public final class EsoHash {

    /** Go sorts string map keys by their bytes; UTF-16 order differs for characters beyond U+FFFF. */
    private static final Comparator<String> GO_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private EsoHash() {
    }

    /** The hash of Secret data ({@code map[string][]byte}), as ESO's data-hash annotation holds it. */
    public static String ofData(Map<String, byte[]> data) {
        StringBuilder text = new StringBuilder("map[");
        boolean first = true;
        for (Map.Entry<String, byte[]> e : sorted(data).entrySet()) {
            text.append(first ? "" : " ").append(e.getKey()).append(":[");
            byte[] v = e.getValue() == null ? new byte[0] : e.getValue();
            for (int i = 0; i < v.length; i++) {
                text.append(i == 0 ? "" : " ").append(v[i] & 0xff);
            }
            text.append(']');
            first = false;
        }
        return sha3(text.append(']').toString());
    }

    /**
     * The hash of an object's labels and annotations, as the second half of ESO's
     * {@code syncedResourceVersion} ({@code "<generation>-<hash>"}): Go prints ESO's private
     * {@code struct{annotations, labels map[string]string}}.
     */
    public static String ofMetadata(Map<String, String> labels, Map<String, String> annotations) {
        return sha3("{annotations:" + goMap(annotations) + " labels:" + goMap(labels) + "}");
    }

    /** The hash of a string (Go prints it raw), as ESO's created-by label holds {@code "namespace/name"}. */
    public static String ofString(String text) {
        return sha3(text);
    }

    private static String goMap(Map<String, String> map) {
        StringBuilder text = new StringBuilder("map[");
        boolean first = true;
        for (Map.Entry<String, String> e : sorted(map).entrySet()) {
            text.append(first ? "" : " ").append(e.getKey()).append(':').append(e.getValue());
            first = false;
        }
        return text.append(']').toString();
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        Map<String, V> out = new TreeMap<>(GO_ORDER);
        if (map != null) {
            out.putAll(map);
        }
        return out;
    }

    private static String sha3(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA3-224").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA3-224 is part of every Java 17 runtime", e);
        }
    }
}
