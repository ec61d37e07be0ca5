package dev.coffer.inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads Coffer's own injection annotations ({@code coffer.dev/inject*}) into a
 * {@link StoreInjectionSpec}, or says in one line which annotation is wrong. They mirror the
 * Vault injector's, with a store reference in place of a Vault path:
 * {@code coffer.dev/inject-secret-<name>: "<SecretStore>/<key>"}, or
 * {@code "SecretStore/<store>/<key>"}, or {@code "ClusterSecretStore/<store>/<key>"}. Pure: no I/O.
 */
public final class CofferAnnotations {

    public static final String PREFIX = "coffer.dev/";
    public static final String INJECT = PREFIX + "inject";
    public static final String STATUS = PREFIX + "inject-status";
    public static final String SECRET = PREFIX + "inject-secret-";
    public static final String PROPERTY = PREFIX + "inject-property-";
    public static final String VERSION = PREFIX + "inject-version-";
    public static final String TEMPLATE = PREFIX + "inject-template-";
    public static final String FILE = PREFIX + "inject-file-";
    public static final String PERMS = PREFIX + "inject-perms-";
    public static final String PRE_POPULATE_ONLY = PREFIX + "inject-pre-populate-only";
    public static final String VOLUME_PATH = PREFIX + "secret-volume-path";
    public static final String DEFAULT_VOLUME_PATH = "/coffer/secrets";

    static final String SECRET_STORE = "SecretStore";
    static final String CLUSTER_SECRET_STORE = "ClusterSecretStore";
    /** A Kubernetes object name (DNS subdomain), as a store's name must be. */
    private static final Pattern STORE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private CofferAnnotations() {
    }

    /** Whether the pod asks for Coffer's injection and was not injected yet. */
    public static boolean asks(Map<String, String> annotations) {
        Map<String, String> a = annotations == null ? Map.of() : annotations;
        return requested(a) && !"injected".equals(a.get(STATUS));
    }

    /** Whether the pod carries {@code coffer.dev/inject: "true"}, injected already or not. */
    public static boolean requested(Map<String, String> annotations) {
        return annotations != null && AnnotationRules.truth(annotations, INJECT);
    }

    /** Empty when the pod does not ask for injection (or was injected already). */
    public static Optional<StoreInjectionSpec> read(Map<String, String> annotations) throws InjectionException {
        return asks(annotations) ? Optional.of(spec(annotations)) : Optional.empty();
    }

    /**
     * The files the annotations name, whether or not the pod was injected already: the operator
     * reads a running pod's annotations with this to know what it may serve it.
     */
    public static StoreInjectionSpec spec(Map<String, String> annotations) throws InjectionException {
        Map<String, String> a = annotations == null ? Map.of() : annotations;
        String volumePath = AnnotationRules.volumePath(a, VOLUME_PATH, DEFAULT_VOLUME_PATH);
        Map<String, String> secrets = AnnotationRules.secrets(a, SECRET, List.of(PROPERTY, VERSION, TEMPLATE, FILE, PERMS));
        if (secrets.isEmpty()) {
            throw new InjectionException(INJECT + ": \"true\" needs at least one " + SECRET + "<name> annotation");
        }
        List<StoreFile> files = new ArrayList<>();
        for (var e : secrets.entrySet()) {
            String name = e.getKey();
            String[] ref = storeRef(name, e.getValue());
            String fileName = AnnotationRules.fileName(FILE + name, a.getOrDefault(FILE + name, name));
            String perms = AnnotationRules.perms(PERMS + name, a.get(PERMS + name));
            files.add(new StoreFile(name, ref[0], ref[1], ref[2], blankToNull(a.get(PROPERTY + name)),
                    blankToNull(a.get(VERSION + name)), a.get(TEMPLATE + name), fileName, perms));
        }
        return new StoreInjectionSpec(volumePath, AnnotationRules.truth(a, PRE_POPULATE_ONLY), files);
    }

    /** {@code [kind, store, key]} of {@code store/key}, {@code SecretStore/store/key} or {@code ClusterSecretStore/store/key}. */
    private static String[] storeRef(String name, String value) throws InjectionException {
        String annotation = SECRET + name;
        String v = value == null ? "" : value.trim();
        if (name.isEmpty() || v.isEmpty()) {
            throw new InjectionException(annotation + " needs a name and a \"<store>/<key>\" value");
        }
        String kind = SECRET_STORE;
        if (v.startsWith(CLUSTER_SECRET_STORE + "/")) {
            kind = CLUSTER_SECRET_STORE;
            v = v.substring(CLUSTER_SECRET_STORE.length() + 1);
        } else if (v.startsWith(SECRET_STORE + "/")) {
            v = v.substring(SECRET_STORE.length() + 1);
        }
        int slash = v.indexOf('/');
        if (slash <= 0 || slash == v.length() - 1) {
            throw new InjectionException(annotation + " must be \"<store>/<key>\" or \"ClusterSecretStore/<store>/<key>\"");
        }
        String store = v.substring(0, slash);
        if (!STORE_NAME.matcher(store).matches()) {
            throw new InjectionException(annotation + ": \"" + store + "\" is not a store name");
        }
        return new String[]{kind, store, v.substring(slash + 1)};
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
