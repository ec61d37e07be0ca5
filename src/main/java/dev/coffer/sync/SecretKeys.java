package dev.coffer.sync;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * The API server's rule for Secret data keys (Kubernetes' IsConfigMapKey): at most 253 characters
 * of alphanumerics, '-', '_' and '.', and not "." or "..". Checked in the shape step, so an
 * ExternalSecret whose keys the API server would refuse fails with a message naming the key,
 * before any write, against the in-process mock (which accepts any key) as on a real cluster.
 */
final class SecretKeys {

    private static final Pattern VALID = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final int MAX_LENGTH = 253;

    private SecretKeys() {
    }

    static boolean isValid(String key) {
        return key.length() <= MAX_LENGTH && VALID.matcher(key).matches() && !key.equals(".") && !key.equals("..");
    }

    /** Fails on the first key the API server would refuse (from a template, say), naming it. */
    static void check(Collection<String> keys) {
        for (String key : keys) {
            if (!isValid(key)) {
                throw new InvalidSpecException("Secret key \"" + shortened(key) + "\" is not valid: keys are at most "
                        + MAX_LENGTH + " alphanumerics, '-', '_' or '.'");
            }
        }
    }

    private static String shortened(String key) {
        return key.length() > 64 ? key.substring(0, 64) + "..." : key;
    }
}
