package dev.coffer.shard;

import java.util.function.BiConsumer;

/**
 * Which resources this replica reconciles. Off: all of them. Static: a fixed index of N.
 * Lease: a share of the live replicas, each of which holds a Lease (see {@link LeaseShards}).
 */
public interface Shards {

    /** Off: one replica, everything owned, nothing changes. */
    Shards OFF = new Shards() {
        @Override
        public ShardRing current() {
            return ShardRing.ALL;
        }

        @Override
        public void onChange(BiConsumer<ShardRing, ShardRing> listener) {
        }

        @Override
        public boolean enabled() {
            return false;
        }
    };

    /** The view to decide by now. */
    ShardRing current();

    /** Called with the view before and after, on each change of membership or of this replica's right to act. */
    void onChange(BiConsumer<ShardRing, ShardRing> listener);

    /** Whether sharding is on (several replicas reconcile side by side). */
    default boolean enabled() {
        return true;
    }
}
