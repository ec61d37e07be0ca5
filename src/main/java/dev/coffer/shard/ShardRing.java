package dev.coffer.shard;

import java.util.List;

/**
 * One replica's view of the shards at one moment: who it is, the live members, and whether it
 * may act now. Immutable, so a reconcile and a membership change never see half an update.
 *
 * @param self    this replica's member name
 * @param members the live members (this replica among them when it holds its lease)
 * @param active  false while this replica may not act: it has not held its lease long enough
 *                yet (joining), or could not renew it in time (it must assume others took over)
 */
public record ShardRing(String self, List<String> members, boolean active) {

    /** Sharding off: one replica that owns everything. */
    public static final ShardRing ALL = new ShardRing("", List.of(), true);

    /** The key a resource is hashed by; cluster-scoped resources have no namespace. */
    public static String key(String namespace, String name) {
        return (namespace == null ? "" : namespace) + "/" + name;
    }

    public ShardRing {
        members = List.copyOf(members);
    }

    /** Whether this replica reconciles the resource {@code namespace/name} now. */
    public boolean owns(String namespace, String name) {
        if (this == ALL) {
            return true;
        }
        return active && Rendezvous.owner(key(namespace, name), members).map(self::equals).orElse(false);
    }
}
