package dev.coffer.sealing.keys;

import dev.coffer.sealing.SealingKey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** An immutable set of keys, newest first (certificate notBefore, then fingerprint to break ties). */
public final class KeyRing {

    private static final Comparator<SealingKey> NEWEST_FIRST = Comparator.comparing(SealingKey::createdAt)
            .reversed().thenComparing(SealingKey::fingerprint);

    private final List<SealingKey> keys;

    public KeyRing(List<SealingKey> keys) {
        List<SealingKey> unique = new ArrayList<>();
        keys.stream().sorted(NEWEST_FIRST).forEach(k -> {
            if (unique.stream().noneMatch(u -> u.fingerprint().equals(k.fingerprint()))) {
                unique.add(k);
            }
        });
        this.keys = List.copyOf(unique);
    }

    public static KeyRing empty() {
        return new KeyRing(List.of());
    }

    public List<SealingKey> newestFirst() {
        return keys;
    }

    public Optional<SealingKey> newest() {
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0));
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The order to try for one SealedSecret: the key that last opened it (if still held) first, then newest first. */
    public List<SealingKey> tryOrder(String preferredFingerprint) {
        if (preferredFingerprint == null) {
            return keys;
        }
        List<SealingKey> order = new ArrayList<>(keys.size());
        keys.stream().filter(k -> k.fingerprint().equals(preferredFingerprint)).forEach(order::add);
        keys.stream().filter(k -> !k.fingerprint().equals(preferredFingerprint)).forEach(order::add);
        return order;
    }
}
