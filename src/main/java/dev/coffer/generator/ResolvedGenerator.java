package dev.coffer.generator;

/**
 * A generator found in the cluster: its kind (for a ClusterGenerator, the kind it wraps), name,
 * whether it is cluster-scoped, its generation, its spec object and a fingerprint of that spec.
 */
public record ResolvedGenerator(String kind, String name, boolean cluster, long generation, Object spec, String fingerprint) {

    /** The spec as the type the kind uses. */
    public <T> T spec(Class<T> type) {
        return type.cast(spec);
    }

    /** How status records the kind: "Password", or "ClusterGenerator/Password" for a cluster generator. */
    public String recordedKind() {
        return cluster ? "ClusterGenerator/" + kind : kind;
    }

    /** "Password demo/app" or "ClusterGenerator app (Password)", for messages. */
    public String describe(String namespace) {
        return cluster ? "ClusterGenerator " + name + " (" + kind + ")" : kind + " " + namespace + "/" + name;
    }
}
