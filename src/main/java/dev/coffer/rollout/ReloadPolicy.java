package dev.coffer.rollout;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a workload asked to be restarted for, read from Stakater Reloader's annotations on its
 * metadata: {@code reloader.stakater.com/auto} (every Secret it references; Reloader's
 * Secret-only {@code secret.reloader.stakater.com/auto} too), {@code secret.reloader.stakater.com/reload}
 * (these Secrets by name, referenced or not) and {@code reloader.stakater.com/search} (the
 * referenced Secrets that carry {@code reloader.stakater.com/match: "true"}). ConfigMaps are not
 * Coffer's business and are left to whatever handles them.
 */
public record ReloadPolicy(boolean auto, boolean search, Set<String> named) {

    public static final String AUTO = "reloader.stakater.com/auto";
    public static final String SECRET_AUTO = "secret.reloader.stakater.com/auto";
    public static final String RELOAD = "secret.reloader.stakater.com/reload";
    public static final String SEARCH = "reloader.stakater.com/search";
    /** On a Secret: it counts for workloads in search mode. */
    public static final String MATCH = "reloader.stakater.com/match";
    /** On a Secret: never restart anything for it. */
    public static final String IGNORE = "reloader.stakater.com/ignore";

    public static final ReloadPolicy NONE = new ReloadPolicy(false, false, Set.of());

    public ReloadPolicy {
        named = Set.copyOf(named);
    }

    public static ReloadPolicy of(Map<String, String> annotations) {
        if (annotations == null || annotations.isEmpty()) {
            return NONE;
        }
        boolean auto = isTrue(annotations.get(AUTO)) || isTrue(annotations.get(SECRET_AUTO));
        boolean search = isTrue(annotations.get(SEARCH));
        String list = annotations.get(RELOAD);
        Set<String> named = list == null ? Set.of() : Arrays.stream(list.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        return new ReloadPolicy(auto, search, named);
    }

    public boolean enabled() {
        return auto || search || !named.isEmpty();
    }

    /** The Secret names that could ever count for this workload: what it references and what it names. */
    public Set<String> candidates(Set<String> referenced) {
        Set<String> all = new TreeSet<>(named);
        if (auto || search) {
            all.addAll(referenced);
        }
        return all;
    }

    /**
     * Whether a change of this Secret restarts the workload.
     *
     * @param referenced the Secret names the pod template references
     * @param secretAnnotations the Secret's own annotations (null: none, or the Secret is gone)
     */
    public boolean counts(String secret, Set<String> referenced, Map<String, String> secretAnnotations) {
        Map<String, String> a = secretAnnotations == null ? Map.of() : secretAnnotations;
        if (isTrue(a.get(IGNORE))) {
            return false;
        }
        if (named.contains(secret) || (auto && referenced.contains(secret))) {
            return true;
        }
        return search && referenced.contains(secret) && isTrue(a.get(MATCH));
    }

    private static boolean isTrue(String value) {
        return value != null && "true".equalsIgnoreCase(value.trim());
    }
}
