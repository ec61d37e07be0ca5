package dev.coffer.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One value to push. Either a single value ({@code data[].match.secretKey} set) or a whole
 * Secret ({@code secretKey} left out, as upstream): then {@link #wholeSecret} holds every key and
 * {@link #value} is the same map as a JSON object of strings (sorted keys), which is what
 * providers that store one blob write, as ESO does. Providers that hold key/value maps (the
 * Kubernetes provider) copy {@link #wholeSecret} instead.
 *
 * <p>{@code toString} never prints a value.
 *
 * @param remote           where it goes
 * @param value            the bytes to write (never null)
 * @param wholeSecret      every key of the source Secret for a whole-Secret push, else {@code null}
 * @param replaceUnmanaged {@code updatePolicy: Replace}: an existing remote secret without
 *                         Coffer's (ESO's) managed-by marker may be overwritten. It then stays
 *                         unmarked, so a later delete never removes it.
 */
public record PushRequest(PushRemoteRef remote, byte[] value, Map<String, byte[]> wholeSecret, boolean replaceUnmanaged) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PushRequest {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(value, "value");
        wholeSecret = wholeSecret == null ? null : Collections.unmodifiableMap(new TreeMap<>(wholeSecret));
    }

    /** A single value ({@code secretKey} set). */
    public static PushRequest ofValue(PushRemoteRef remote, byte[] value, boolean replaceUnmanaged) {
        return new PushRequest(remote, value, null, replaceUnmanaged);
    }

    /** A whole Secret ({@code secretKey} left out). */
    public static PushRequest ofWholeSecret(PushRemoteRef remote, Map<String, byte[]> data, boolean replaceUnmanaged) {
        ObjectNode object = JSON.createObjectNode();
        new TreeMap<>(data).forEach((k, v) -> object.put(k, new String(v, StandardCharsets.UTF_8)));
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(object);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a map of strings", e);
        }
        return new PushRequest(remote, json, data, replaceUnmanaged);
    }

    public boolean isWholeSecret() {
        return wholeSecret != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PushRequest other && remote.equals(other.remote)
                && java.util.Arrays.equals(value, other.value) && replaceUnmanaged == other.replaceUnmanaged;
    }

    @Override
    public int hashCode() {
        return Objects.hash(remote, java.util.Arrays.hashCode(value), replaceUnmanaged);
    }

    @Override
    public String toString() {
        return "PushRequest[" + remote + (isWholeSecret() ? ", whole Secret of " + wholeSecret.size() + " keys" : "")
                + ", " + value.length + " bytes]";
    }
}
