package dev.coffer.shard;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A fixed shard index of N (for example a StatefulSet ordinal): replica i owns what rendezvous
 * hashing gives to member "shard-i" among shard-0 .. shard-(N-1). Nothing moves while N stays
 * the same; a replica that is down leaves its share unreconciled until it is back.
 */
public final class StaticShards implements Shards {

    private final ShardRing ring;

    public StaticShards(int index, int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("coffer.shard.index must be between 0 and coffer.shard.count - 1 (count "
                    + count + ", index " + index + ")");
        }
        List<String> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(member(i));
        }
        ring = new ShardRing(member(index), members, true);
    }

    static String member(int index) {
        return "shard-" + index;
    }

    @Override
    public ShardRing current() {
        return ring;
    }

    @Override
    public void onChange(BiConsumer<ShardRing, ShardRing> listener) {
        // static: never changes
    }
}
