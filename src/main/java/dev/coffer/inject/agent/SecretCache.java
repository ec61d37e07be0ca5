package dev.coffer.inject.agent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.vault.VaultLogical;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Vault answers the agent's templates read, each read once and then kept: a secret without a
 * lease (KV) is read again every poll interval; a leased one is renewed two thirds into its
 * lease, and read anew when it cannot be renewed (a new lease, hence new values, re-rendered).
 * Reads go through the Vault provider's client, which logs in and keeps the token renewed.
 */
public final class SecretCache {

    private static final Logger LOG = Logger.getLogger(SecretCache.class);

    private final VaultLogical vault;
    private final Clock clock;
    private final Duration pollInterval;
    private final Map<String, LeasedSecret> secrets = new ConcurrentHashMap<>();

    public SecretCache(VaultLogical vault, Clock clock, Duration pollInterval) {
        this.vault = vault;
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    /**
     * The answer for {@code path}; with {@code writeArgs} ({@code key=value}, as consul-template's
     * {@code secret "pki/issue/x" "common_name=a"}) a write whose answer is kept the same way.
     */
    public LeasedSecret get(String path, List<String> writeArgs) {
        String key = path + (writeArgs.isEmpty() ? "" : " " + String.join(" ", writeArgs));
        return secrets.computeIfAbsent(key, k -> read(path, writeArgs));
    }

    private LeasedSecret read(String path, List<String> writeArgs) {
        if (writeArgs.isEmpty()) {
            return LeasedSecret.of(vault.request("GET", path, null, Map.of()), clock.instant());
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (String arg : writeArgs) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw ProviderException.invalidConfig("secret \"" + path + "\": write arguments must be key=value");
            }
            body.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return LeasedSecret.of(vault.request("PUT", path, body, Map.of()), clock.instant());
    }

    /**
     * Renews what is due and forgets what must be read again; the next render reads those.
     * Also touches the token (lookup-self), so that it is renewed even when nothing is read.
     */
    public void tick() {
        Instant now = clock.instant();
        vault.request("GET", "auth/token/lookup-self", null, Map.of());
        for (Map.Entry<String, LeasedSecret> e : List.copyOf(secrets.entrySet())) {
            LeasedSecret s = e.getValue();
            LeasedSecret kept = keep(e.getKey(), s, now);
            if (kept == null) {
                secrets.remove(e.getKey());
            } else if (kept != s) {
                secrets.put(e.getKey(), kept);
            }
        }
    }

    /** {@code s} as it stays (renewed, maybe), or null when it must be read again. */
    private LeasedSecret keep(String key, LeasedSecret s, Instant now) {
        if (!s.leased()) {
            return now.isBefore(s.since().plus(pollInterval)) ? s : null;
        }
        if (!s.leaseDue(now)) {
            return s;
        }
        if (!s.renewable()) {
            return null;
        }
        try {
            long seconds = vault.renewLease(s.leaseId(), s.lease().toSeconds()).path("lease_duration").asLong(0);
            return seconds <= 0 ? null : s.renewed(Duration.ofSeconds(seconds), now);
        } catch (ProviderException ex) {
            LOG.infof("lease of %s could not be renewed (%s); reading it anew", key.split(" ")[0], ex.kind());
            return null;
        }
    }

    /** How many answers are held (tests). */
    public int size() {
        return secrets.size();
    }
}
