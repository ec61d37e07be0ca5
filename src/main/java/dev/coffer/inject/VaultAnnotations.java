package dev.coffer.inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the Vault Agent Injector's pod annotations ({@code vault.hashicorp.com/*}) into an
 * {@link InjectionSpec}, or says in one line which annotation is wrong. Pure: no I/O.
 */
public final class VaultAnnotations {

    public static final String PREFIX = "vault.hashicorp.com/";
    public static final String INJECT = PREFIX + "agent-inject";
    public static final String STATUS = PREFIX + "agent-inject-status";
    public static final String ROLE = PREFIX + "role";
    public static final String AUTH_PATH = PREFIX + "auth-path";
    public static final String NAMESPACE = PREFIX + "namespace";
    public static final String VOLUME_PATH = PREFIX + "secret-volume-path";
    public static final String PRE_POPULATE_ONLY = PREFIX + "agent-pre-populate-only";
    public static final String SECRET = PREFIX + "agent-inject-secret-";
    public static final String TEMPLATE = PREFIX + "agent-inject-template-";
    public static final String FILE = PREFIX + "agent-inject-file-";
    public static final String PERMS = PREFIX + "agent-inject-perms-";
    /** The Vault address for this pod's agent (read by the webhook, which puts it in VAULT_ADDR). */
    public static final String SERVICE = PREFIX + "service";

    private static final Pattern OCTAL_MODE = Pattern.compile("0?[0-7]{3}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private VaultAnnotations() {
    }

    /** Empty when the pod does not ask for injection (or was injected already). */
    public static Optional<InjectionSpec> read(Map<String, String> annotations) throws InjectionException {
        Map<String, String> a = annotations == null ? Map.of() : annotations;
        if (!truth(a, INJECT) || "injected".equals(a.get(STATUS))) {
            return Optional.empty();
        }
        String role = a.get(ROLE);
        if (role == null || role.isBlank()) {
            throw new InjectionException(ROLE + " is required with " + INJECT + ": \"true\"");
        }
        String volumePath = a.getOrDefault(VOLUME_PATH, "/vault/secrets");
        if (!volumePath.startsWith("/") || volumePath.contains("..")) {
            throw new InjectionException(VOLUME_PATH + " must be an absolute path without '..'");
        }
        String authPath = a.getOrDefault(AUTH_PATH, "auth/kubernetes").replaceAll("^/+|/+$", "");
        Map<String, String> secrets = new TreeMap<>();
        a.forEach((k, v) -> {
            if (k.startsWith(SECRET)) {
                secrets.put(k.substring(SECRET.length()), v);
            }
        });
        for (String k : a.keySet()) {
            for (String prefix : List.of(TEMPLATE, FILE, PERMS)) {
                if (k.startsWith(prefix) && !secrets.containsKey(k.substring(prefix.length()))) {
                    throw new InjectionException(k + " has no matching " + SECRET + k.substring(prefix.length()));
                }
            }
        }
        if (secrets.isEmpty()) {
            throw new InjectionException(INJECT + ": \"true\" needs at least one " + SECRET + "<name> annotation");
        }
        List<InjectedFile> files = new ArrayList<>();
        for (var e : secrets.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || e.getValue() == null || e.getValue().isBlank()) {
                throw new InjectionException(SECRET + name + " needs a name and a Vault path");
            }
            String fileName = a.getOrDefault(FILE + name, name);
            if (!FILE_NAME.matcher(fileName).matches() || fileName.contains("..")) {
                throw new InjectionException(FILE + name + " must be a relative file name (letters, digits, '.', '_', '-', '/')");
            }
            String perms = a.get(PERMS + name);
            if (perms != null && !OCTAL_MODE.matcher(perms).matches()) {
                throw new InjectionException(PERMS + name + " must be an octal file mode such as 0400");
            }
            files.add(new InjectedFile(name, e.getValue().trim(), a.get(TEMPLATE + name), fileName, perms));
        }
        return Optional.of(new InjectionSpec(role.trim(), authPath, a.get(NAMESPACE), volumePath,
                truth(a, PRE_POPULATE_ONLY), files));
    }

    private static boolean truth(Map<String, String> a, String key) {
        // Go's strconv.ParseBool, as the Vault injector reads them
        String v = a.get(key);
        return v != null && Set.of("1", "t", "T", "TRUE", "true", "True").contains(v);
    }
}
