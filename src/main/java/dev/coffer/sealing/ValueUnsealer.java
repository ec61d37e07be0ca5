package dev.coffer.sealing;

import dev.coffer.gocompat.GoBase64;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the values of one SealedSecret with a list of candidate keys. There is no key id in a
 * payload, so a wrong key is found out only after its RSA operation; to pay about one RSA
 * operation per value, the key that opened a value moves to the front for the next ones.
 */
public final class ValueUnsealer {

    private ValueUnsealer() {
    }

    /**
     * @param sealed  entry name to base64 payload
     * @param label   the scope label
     * @param keys    candidate keys, the most likely first (last key that worked, then newest first)
     */
    public static Result open(Map<String, String> sealed, byte[] label, List<SealingKey> keys) throws SealingException {
        if (keys.isEmpty()) {
            throw new SealingException("no sealing key is available");
        }
        List<SealingKey> order = new ArrayList<>(keys);
        Map<String, byte[]> values = new LinkedHashMap<>();
        int rsaOperations = 0;
        for (Map.Entry<String, String> entry : sealed.entrySet()) {
            HybridCipher.Parts parts = parts(entry.getKey(), entry.getValue());
            byte[] plaintext = null;
            for (int i = 0; i < order.size() && plaintext == null; i++) {
                SealingKey key = order.get(i);
                rsaOperations++;
                Optional<byte[]> sessionKey = HybridCipher.openSessionKey(key.privateKey(), label, parts);
                if (sessionKey.isPresent()) {
                    plaintext = data(entry.getKey(), sessionKey.get(), parts);
                    order.remove(i);
                    order.add(0, key);
                }
            }
            if (plaintext == null) {
                throw new SealingException("no key could decrypt \"" + entry.getKey()
                        + "\": wrong name, namespace or scope, or sealed with a key this controller does not hold");
            }
            values.put(entry.getKey(), plaintext);
        }
        return new Result(values, values.isEmpty() ? null : order.get(0), rsaOperations);
    }

    private static HybridCipher.Parts parts(String name, String value) throws SealingException {
        byte[] payload;
        try {
            payload = GoBase64.decodeStd(value);
        } catch (GoBase64.InvalidBase64Exception e) {
            throw new SealingException("\"" + name + "\" is not valid base64");
        }
        try {
            return HybridCipher.split(payload);
        } catch (SealingException e) {
            throw new SealingException("\"" + name + "\": " + e.getMessage());
        }
    }

    private static byte[] data(String name, byte[] sessionKey, HybridCipher.Parts parts) throws SealingException {
        try {
            return HybridCipher.openData(sessionKey, parts);
        } catch (SealingException e) {
            throw new SealingException("\"" + name + "\": " + e.getMessage());
        }
    }

    /**
     * The opened values, the key that opened the last of them (null when there were none), and
     * how many RSA private-key operations it took.
     */
    public record Result(Map<String, byte[]> values, SealingKey key, int rsaOperations) {
    }
}
