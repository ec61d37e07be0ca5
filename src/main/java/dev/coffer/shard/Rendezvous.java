package dev.coffer.shard;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;

/**
 * Rendezvous (highest-random-weight) hashing: a key belongs to the member whose weight for it
 * is highest. Every replica computes the same owner from the same members, with no coordination;
 * and when a member joins or leaves, only the keys it wins or held move, so two replicas that
 * briefly disagree about membership can only disagree about the keys of the member that changed.
 * The weight is a fixed 64-bit hash (FNV-1a, then a SplitMix64 finish), the same in every JVM.
 */
public final class Rendezvous {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Rendezvous() {
    }

    /** The member that owns {@code key}, or empty when there are no members. Ties go to the smaller name. */
    public static Optional<String> owner(String key, Collection<String> members) {
        String best = null;
        long bestWeight = 0;
        for (String member : members) {
            long w = weight(member, key);
            if (best == null || Long.compareUnsigned(w, bestWeight) > 0
                    || (w == bestWeight && member.compareTo(best) < 0)) {
                best = member;
                bestWeight = w;
            }
        }
        return Optional.ofNullable(best);
    }

    static long weight(String member, String key) {
        long h = FNV_OFFSET;
        h = fnv(h, member.getBytes(StandardCharsets.UTF_8));
        h = (h ^ 0xff) * FNV_PRIME; // separator: ("ab","c") and ("a","bc") weigh differently
        h = fnv(h, key.getBytes(StandardCharsets.UTF_8));
        return mix(h);
    }

    private static long fnv(long h, byte[] bytes) {
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
