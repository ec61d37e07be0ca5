package dev.coffer.provider.fake;

import dev.coffer.provider.StoreIdentity;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What has been pushed to fake stores: the fake provider's in-memory backend (upstream's fake
 * provider keeps pushed values in memory too). It is kept per store identity by the provider,
 * not by the client, so values survive a store edit that builds a new client; they are lost on
 * restart, as a fake backend's are. Every value pushed here carries the managed-by marker except
 * those written over a spec entry under {@code updatePolicy: Replace}.
 */
public final class FakePushedSecrets {

    /** One remote secret pushed to a fake store. */
    record Pushed(byte[] value, boolean managed) {
    }

    /** The pushed secrets of one store, with a count of writes (tests prove writes happen only on change). */
    public static final class Store {
        private final Map<String, Pushed> byKey = new TreeMap<>();
        private final AtomicInteger writes = new AtomicInteger();

        synchronized Pushed get(String key) {
            return byKey.get(key);
        }

        synchronized void put(String key, Pushed value) {
            byKey.put(key, value);
            writes.incrementAndGet();
        }

        synchronized void remove(String key) {
            byKey.remove(key);
            writes.incrementAndGet();
        }

        synchronized Map<String, Pushed> snapshot() {
            return new TreeMap<>(byKey);
        }

        /** How many creates, updates and deletes reached this store. */
        public int writes() {
            return writes.get();
        }

        /** The value pushed under {@code key}, or null. */
        public synchronized byte[] value(String key) {
            Pushed p = byKey.get(key);
            return p == null ? null : p.value().clone();
        }
    }

    private final Map<StoreIdentity, Store> stores = new ConcurrentHashMap<>();

    public Store of(StoreIdentity store) {
        return stores.computeIfAbsent(store, s -> new Store());
    }
}
