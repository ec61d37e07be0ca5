package dev.coffer.inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    public static final String TLS_SKIP_VERIFY = PREFIX + "tls-skip-verify";
    public static final String CA_CERT = PREFIX + "ca-cert";
    public static final String TLS_SERVER_NAME = PREFIX + "tls-server-name";
    public static final String TLS_SECRET = PREFIX + "tls-secret";
    /** The Vault address for this pod's agent (read by the webhook, which puts it in VAULT_ADDR). */
    public static final String SERVICE = PREFIX + "service";

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
        String volumePath = AnnotationRules.volumePath(a, VOLUME_PATH, "/vault/secrets");
        String authPath = a.getOrDefault(AUTH_PATH, "auth/kubernetes").replaceAll("^/+|/+$", "");
        Map<String, String> secrets = AnnotationRules.secrets(a, SECRET, List.of(TEMPLATE, FILE, PERMS));
        if (secrets.isEmpty()) {
            throw new InjectionException(INJECT + ": \"true\" needs at least one " + SECRET + "<name> annotation");
        }
        List<InjectedFile> files = new ArrayList<>();
        for (var e : secrets.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || e.getValue() == null || e.getValue().isBlank()) {
                throw new InjectionException(SECRET + name + " needs a name and a Vault path");
            }
            String fileName = AnnotationRules.fileName(FILE + name, a.getOrDefault(FILE + name, name));
            String perms = AnnotationRules.perms(PERMS + name, a.get(PERMS + name));
            files.add(new InjectedFile(name, e.getValue().trim(), a.get(TEMPLATE + name), fileName, perms));
        }
        return Optional.of(new InjectionSpec(role.trim(), authPath, a.get(NAMESPACE), volumePath,
                truth(a, PRE_POPULATE_ONLY), files, tls(a)));
    }

    private static AgentTlsSettings tls(Map<String, String> a) throws InjectionException {
        String caCert = blankToNull(a.get(CA_CERT));
        if (caCert != null && !caCert.startsWith("/")) {
            throw new InjectionException(CA_CERT + " must be an absolute path in the agent container (e.g. "
                    + AgentTlsSettings.SECRET_MOUNT + "/ca.crt with " + TLS_SECRET + ")");
        }
        String secret = blankToNull(a.get(TLS_SECRET));
        if (secret != null && !secret.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            throw new InjectionException(TLS_SECRET + " must be a Secret name");
        }
        return new AgentTlsSettings(truth(a, TLS_SKIP_VERIFY), caCert, blankToNull(a.get(TLS_SERVER_NAME)), secret);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static boolean truth(Map<String, String> a, String key) {
        return AnnotationRules.truth(a, key);
    }
}
