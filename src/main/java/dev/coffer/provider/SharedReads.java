package dev.coffer.provider;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.MetadataPolicy;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Read sharing for every provider, applied by the fetch step rather than inside each client:
 * identical reads on one client (so one store and credentials) share a call that is in flight
 * or finished less than the window ago, across ExternalSecrets; and within one sync
 * ({@link Session}) a read is made once, whatever the window. A client that says its properties
 * are cut from the whole value ({@link SecretsClient#propertiesFromWholeValue()}) has the whole
 * value read once for all the properties a sync asks of a key.
 *
 * <p>A sync the user asked for (an edited spec, the force-sync annotation) reads fresh: it
 * calls the backend, and its result serves the others. The state per client is held weakly, so
 * a retired client's reads go with it.
 */
public final class SharedReads {

    /** application.properties key (or COFFER_PROVIDER_SHARE_WINDOW_MS); 0 shares only calls in flight. */
    public static final String WINDOW_PROPERTY = "coffer.provider.share-window-ms";
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);

    private final Duration window;
    private final LongSupplier clock;
    private final Map<SecretsClient, SharedCalls> perClient = Collections.synchronizedMap(new WeakHashMap<>());

    public SharedReads(Duration window, LongSupplier clock) {
        this.window = window;
        this.clock = clock;
    }

    /** With the window from configuration. */
    public static SharedReads fromConfig() {
        return new SharedReads(SharedCalls.windowFromConfig(WINDOW_PROPERTY, DEFAULT_WINDOW), System::nanoTime);
    }

    /** The reads of one sync; {@code fresh} when the user asked for it, so earlier reads are not served. */
    public Session session(boolean fresh) {
        return new Session(fresh);
    }

    /** How many clients have shared state now (for tests of boundedness). */
    public int clients() {
        return perClient.size();
    }

    private SharedCalls callsOf(SecretsClient client) {
        return perClient.computeIfAbsent(client.backend(), c -> new SharedCalls(true, window, clock));
    }

    /** One sync's reads: each distinct read once. Not thread-safe; one sync runs on one thread. */
    public final class Session {

        private final boolean fresh;
        private final Map<SecretsClient, Map<String, Object>> memo = new LinkedHashMap<>();

        private Session(boolean fresh) {
            this.fresh = fresh;
        }

        /** The client as this sync sees it: reads go through the session and the shared calls. */
        public SecretsClient view(SecretsClient client) {
            return client instanceof View ? client : new View(client);
        }

        @SuppressWarnings("unchecked")
        private <V> V read(SecretsClient client, String key, Supplier<V> loader) {
            Map<String, Object> mine = memo.computeIfAbsent(client.backend(), c -> new LinkedHashMap<>());
            if (mine.containsKey(key)) {
                return (V) mine.get(key);
            }
            SharedCalls calls = callsOf(client);
            V value = fresh ? calls.refresh(key, loader) : calls.get(key, loader);
            mine.put(key, value);
            return value;
        }

        private final class View implements SecretsClient {

            private final SecretsClient client;

            View(SecretsClient client) {
                this.client = client;
            }

            @Override
            public String providerName() {
                return client.providerName();
            }

            @Override
            public byte[] getSecret(ExternalSecretDataRemoteRef ref) {
                if (client.propertiesFromWholeValue() && ref.metadataPolicy != MetadataPolicy.Fetch) {
                    byte[] whole = wholeValue(ref);
                    return ref.property == null || ref.property.isEmpty() ? whole.clone()
                            : JsonValues.property(whole, ref.property, ref.key);
                }
                return read(client, refKey("secret", ref), () -> client.getSecret(ref)).clone();
            }

            @Override
            public Map<String, byte[]> getSecretMap(ExternalSecretDataRemoteRef ref) {
                return copy(read(client, refKey("map", ref), () -> client.getSecretMap(ref)));
            }

            @Override
            public Map<String, byte[]> getAllSecrets(ExternalSecretFind find) {
                return copy(read(client, findKey(find), () -> client.getAllSecrets(find)));
            }

            @Override
            public boolean propertiesFromWholeValue() {
                return client.propertiesFromWholeValue();
            }

            @Override
            public void validate() {
                client.validate();
            }

            @Override
            public java.util.Optional<SecretsPusher> pusher() {
                return client.pusher();
            }

            @Override
            public void close() {
                // the cache owns the client; a sync's view closes nothing
            }

            private byte[] wholeValue(ExternalSecretDataRemoteRef ref) {
                ExternalSecretDataRemoteRef whole = new ExternalSecretDataRemoteRef();
                whole.key = ref.key;
                whole.version = ref.version;
                return read(client, refKey("secret", whole), () -> client.getSecret(whole));
            }
        }
    }

    /** Every field of the reference: whatever a client may read from it tells reads apart. */
    private static String refKey(String op, ExternalSecretDataRemoteRef ref) {
        return SharedCalls.key(op, ref.key, ref.property, ref.version, Objects.toString(ref.metadataPolicy, null),
                Objects.toString(ref.conversionStrategy, null), Objects.toString(ref.decodingStrategy, null),
                Objects.toString(ref.nullBytePolicy, null));
    }

    private static String findKey(ExternalSecretFind find) {
        return SharedCalls.key("find", find.path, find.name == null ? null : find.name.regexp,
                find.tags == null ? null : new TreeMap<>(find.tags).toString(),
                Objects.toString(find.conversionStrategy, null), Objects.toString(find.decodingStrategy, null),
                Objects.toString(find.nullBytePolicy, null));
    }

    /** Callers may change what they get; the shared value stays as read. */
    private static Map<String, byte[]> copy(Map<String, byte[]> shared) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        shared.forEach((k, v) -> out.put(k, v == null ? null : v.clone()));
        return out;
    }
}
