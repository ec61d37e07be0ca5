package dev.coffer.rollout;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which opted-in workloads may restart for which Secret, so that a Secret event finds its
 * workloads by lookup rather than by a scan of every workload. Kept up to date from the workload
 * informers; workloads without Reloader annotations are not in it.
 */
public final class WorkloadIndex {

    /** What one workload asks for, and which Secrets its pod template references. */
    public record Watched(WorkloadRef ref, ReloadPolicy policy, Set<String> referenced) {
        public Watched {
            referenced = Set.copyOf(referenced);
        }

        public Set<String> candidates() {
            return policy.candidates(referenced);
        }
    }

    private final Map<WorkloadRef, Watched> workloads = new HashMap<>();
    private final Map<String, Set<WorkloadRef>> bySecret = new HashMap<>();

    /** Adds, replaces or (when the policy asks for nothing) removes the workload. */
    public synchronized void put(WorkloadRef ref, ReloadPolicy policy, Set<String> referenced) {
        remove(ref);
        if (!policy.enabled()) {
            return;
        }
        Watched w = new Watched(ref, policy, referenced);
        workloads.put(ref, w);
        for (String secret : w.candidates()) {
            bySecret.computeIfAbsent(key(ref.namespace(), secret), k -> new HashSet<>()).add(ref);
        }
    }

    public synchronized void remove(WorkloadRef ref) {
        Watched old = workloads.remove(ref);
        if (old == null) {
            return;
        }
        for (String secret : old.candidates()) {
            String k = key(ref.namespace(), secret);
            Set<WorkloadRef> refs = bySecret.get(k);
            if (refs != null) {
                refs.remove(ref);
                if (refs.isEmpty()) {
                    bySecret.remove(k);
                }
            }
        }
    }

    /** The workloads that may restart for this Secret (the Secret's own annotations still decide, see {@link ReloadPolicy#counts}). */
    public synchronized List<Watched> watchersOf(String namespace, String secret) {
        Set<WorkloadRef> refs = bySecret.get(key(namespace, secret));
        return refs == null ? List.of() : refs.stream().map(workloads::get).toList();
    }

    public synchronized Optional<Watched> get(WorkloadRef ref) {
        return Optional.ofNullable(workloads.get(ref));
    }

    public synchronized boolean isWatched(String namespace, String secret) {
        return bySecret.containsKey(key(namespace, secret));
    }

    private static String key(String namespace, String secret) {
        return namespace + "/" + secret;
    }
}
