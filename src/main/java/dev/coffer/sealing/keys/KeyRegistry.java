package dev.coffer.sealing.keys;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.SealedSecretUnsealer;
import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.SealingKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The keys the controller holds, in memory only, and which key last opened each SealedSecret.
 * Keys are named by fingerprint in logs and metrics.
 */
@ApplicationScoped
public class KeyRegistry {

    private static final Logger LOG = Logger.getLogger(KeyRegistry.class);

    private volatile KeyRing ring = KeyRing.empty();
    private final Map<String, String> lastKeyBySealedSecret = new ConcurrentHashMap<>();
    /** The key that opened the latest SealedSecret: a batch sealed with one key pays one RSA operation per value. */
    private volatile String lastKeyOfAny;
    private final List<Consumer<KeyRing>> listeners = new CopyOnWriteArrayList<>();
    private final List<SealingKey> pending = new ArrayList<>();
    private final MeterRegistry meters;
    private final Counter rsaOperations;

    @Inject
    public KeyRegistry(MeterRegistry meters) {
        this.meters = meters;
        meters.gauge("coffer_sealing_keys", this, r -> r.ring.newestFirst().size());
        // The cost of unsealing is counted, not timed: about one per value is the design's promise.
        this.rsaOperations = Counter.builder("coffer_sealing_rsa_operations_total")
                .description("RSA private-key operations spent on SealedSecrets that unsealed").register(meters);
    }

    public KeyRing ring() {
        return ring;
    }

    /**
     * The keys the watch reports. A key added here by {@link #add} stays until the watch has
     * reported it once, so a watch event still in flight cannot drop a key just generated.
     */
    public void replace(KeyRing watched) {
        KeyRing changed;
        synchronized (this) {
            pending.removeIf(p -> watched.newestFirst().stream().anyMatch(k -> k.fingerprint().equals(p.fingerprint())));
            List<SealingKey> keys = new ArrayList<>(watched.newestFirst());
            keys.addAll(pending);
            changed = swap(new KeyRing(keys));
        }
        notifyListeners(changed);
    }

    /** Adds one key at once (a key just generated), before the watch reports it. */
    public void add(SealingKey key) {
        KeyRing changed;
        synchronized (this) {
            pending.add(key);
            List<SealingKey> keys = new ArrayList<>(ring.newestFirst());
            keys.add(key);
            changed = swap(new KeyRing(keys));
        }
        notifyListeners(changed);
    }

    /** Installs the ring; returns it when its keys differ from the previous ones, else null. */
    private KeyRing swap(KeyRing next) {
        KeyRing previous = ring;
        ring = next;
        return fingerprints(previous).equals(fingerprints(next)) ? null : next;
    }

    /**
     * Listeners run outside the registry's lock: they may take locks of their own (key renewal
     * does, and it calls {@link #add} while holding it), so calling them under ours would deadlock.
     */
    private void notifyListeners(KeyRing changed) {
        if (changed != null) {
            LOG.infof("sealing keys: %s (newest first)", fingerprints(changed));
            changed.newest().ifPresent(RsaWarmUp::once);
            listeners.forEach(l -> l.accept(changed));
        }
    }

    public void onChange(Consumer<KeyRing> listener) {
        listeners.add(listener);
    }

    /**
     * Unseals with the key that last opened this SealedSecret first (for one not seen yet, the key
     * that opened the latest SealedSecret), then the others newest first.
     */
    public SealedSecretUnsealer.Unsealed unseal(SealedSecret sealedSecret) throws SealingException {
        String id = idOf(sealedSecret);
        KeyRing current = ring;
        String preferred = lastKeyBySealedSecret.get(id);
        SealedSecretUnsealer.Unsealed unsealed = SealedSecretUnsealer.unseal(sealedSecret,
                current.tryOrder(preferred != null ? preferred : lastKeyOfAny));
        rsaOperations.increment(unsealed.rsaOperations());
        if (unsealed.key() != null) {
            lastKeyOfAny = unsealed.key().fingerprint();
            lastKeyBySealedSecret.put(id, unsealed.key().fingerprint());
            Counter.builder("coffer_sealing_unsealed_values_total").tag("key", unsealed.key().fingerprint())
                    .register(meters).increment(unsealed.values().size());
        }
        return unsealed;
    }

    public void forget(SealedSecret sealedSecret) {
        lastKeyBySealedSecret.remove(idOf(sealedSecret));
    }

    /** How many SealedSecrets have a remembered key (each is forgotten when it is deleted). */
    public int remembered() {
        return lastKeyBySealedSecret.size();
    }

    private static String idOf(SealedSecret s) {
        return s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
    }

    private static List<String> fingerprints(KeyRing ring) {
        return ring.newestFirst().stream().map(SealingKey::fingerprint).toList();
    }
}
