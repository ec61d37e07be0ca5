package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.NullBytePolicy;
import dev.coffer.provider.ProviderException;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code nullBytePolicy: Fail}, as upstream: checked per source ({@code data[].remoteRef},
 * {@code dataFrom[].extract}, {@code dataFrom[].find}) right after decoding, so a base64 value
 * that decodes to NUL bytes fails too. The message names the Secret key (the first in sorted
 * order for a map), never the value.
 */
final class NullBytes {

    private NullBytes() {
    }

    static void check(NullBytePolicy policy, String key, byte[] value) {
        if (policy != NullBytePolicy.Fail || value == null) {
            return;
        }
        for (byte b : value) {
            if (b == 0) {
                throw ProviderException.invalidConfig("fetched secret value for key \"" + key
                        + "\" contains null bytes (nullBytePolicy Fail)");
            }
        }
    }

    static void check(NullBytePolicy policy, Map<String, byte[]> values) {
        if (policy != NullBytePolicy.Fail) {
            return;
        }
        new TreeMap<>(values).forEach((key, value) -> check(policy, key, value));
    }
}
