package dev.coffer.inject;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The checks both annotation families share (Vault's and Coffer's own): booleans read as the
 * Vault injector reads them, the volume path, file names that stay inside the volume, and octal
 * modes. Each failure is one line naming the annotation. Pure.
 */
final class AnnotationRules {

    private static final Pattern OCTAL_MODE = Pattern.compile("0?[0-7]{3}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private AnnotationRules() {
    }

    /** Go's strconv.ParseBool true values, as the Vault injector reads its booleans. */
    static boolean truth(Map<String, String> a, String key) {
        String v = a.get(key);
        return v != null && Set.of("1", "t", "T", "TRUE", "true", "True").contains(v);
    }

    static String volumePath(Map<String, String> a, String key, String fallback) throws InjectionException {
        String volumePath = a.getOrDefault(key, fallback);
        if (!volumePath.startsWith("/") || volumePath.contains("..")) {
            throw new InjectionException(key + " must be an absolute path without '..'");
        }
        return volumePath;
    }

    /** The {@code <name>}s of the annotations starting with {@code secretPrefix}, with their values, in name order. */
    static Map<String, String> secrets(Map<String, String> a, String secretPrefix, List<String> perFilePrefixes)
            throws InjectionException {
        Map<String, String> secrets = new TreeMap<>();
        a.forEach((k, v) -> {
            if (k.startsWith(secretPrefix)) {
                secrets.put(k.substring(secretPrefix.length()), v);
            }
        });
        for (String k : a.keySet()) {
            for (String prefix : perFilePrefixes) {
                if (k.startsWith(prefix) && !secrets.containsKey(k.substring(prefix.length()))) {
                    throw new InjectionException(k + " has no matching " + secretPrefix + k.substring(prefix.length()));
                }
            }
        }
        return secrets;
    }

    static String fileName(String annotation, String fileName) throws InjectionException {
        if (!FILE_NAME.matcher(fileName).matches() || fileName.contains("..")) {
            throw new InjectionException(annotation + " must be a relative file name (letters, digits, '.', '_', '-', '/')");
        }
        return fileName;
    }

    static String perms(String annotation, String perms) throws InjectionException {
        if (perms != null && !OCTAL_MODE.matcher(perms).matches()) {
            throw new InjectionException(annotation + " must be an octal file mode such as 0400");
        }
        return perms;
    }
}
