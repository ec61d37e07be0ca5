package dev.coffer.provider.vault;

import io.github.jopenlibs.vault.Vault;

import java.time.Duration;
import java.time.Instant;

/**
 * One token in use, with the driver instance that sends it and its timing. Immutable: a renewal
 * publishes a new session, so readers never see a half-updated one.
 *
 * @param fromLogin  Coffer obtained it (so Coffer renews, replaces and revokes it); false for a
 *                   token the user supplied
 * @param loginTtl   the TTL the login granted; a renewal that leaves less than a third of it means
 *                   the token is near its max TTL and a fresh login is due
 * @param renewAt    when to renew (about two thirds into the TTL)
 * @param expiresAt  when Vault will reject it; null if it does not expire
 */
record VaultSession(String token, Vault vault, boolean fromLogin, boolean renewable, long loginTtl,
                    Instant renewAt, Instant expiresAt) {

    static VaultSession of(String token, Vault vault, boolean fromLogin, boolean renewable, long loginTtl,
                           long ttlSeconds, Instant now) {
        if (ttlSeconds <= 0) {
            return new VaultSession(token, vault, fromLogin, renewable, loginTtl, null, null);
        }
        return new VaultSession(token, vault, fromLogin, renewable, loginTtl,
                now.plusMillis(ttlSeconds * 2000 / 3), now.plusSeconds(ttlSeconds));
    }

    boolean due(Instant now) {
        return renewAt != null && !now.isBefore(renewAt);
    }

    boolean usable(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }

    /** The same token, asking again no sooner than {@code delay} (after a failed renewal it can still be used). */
    VaultSession retryLater(Instant now, Duration delay) {
        Instant next = now.plus(delay);
        if (expiresAt != null && next.isAfter(expiresAt)) {
            next = expiresAt;
        }
        return new VaultSession(token, vault, fromLogin, renewable, loginTtl, next, expiresAt);
    }

    @Override
    public String toString() {
        return "VaultSession[fromLogin=" + fromLogin + ", renewAt=" + renewAt + ", expiresAt=" + expiresAt + "]";
    }
}
