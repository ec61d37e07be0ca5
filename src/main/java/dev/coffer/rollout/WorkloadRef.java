package dev.coffer.rollout;

/** One workload, by kind, namespace and name. */
public record WorkloadRef(WorkloadKind kind, String namespace, String name) {

    @Override
    public String toString() {
        return kind.kind() + " " + namespace + "/" + name;
    }
}
