package dev.coffer.provider.vault;

import dev.coffer.provider.ProviderException;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.api.Auth;
import io.github.jopenlibs.vault.response.AuthResponse;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The token of one client, shared by every concurrent caller. It logs in once, renews the token
 * ({@code renew-self}) about two thirds into its TTL, logs in again only when renewal is refused,
 * the token is near its max TTL or has been revoked, and revokes the token it obtained on close,
 * unless leases were issued with it: Vault revokes a token's leases with the token, so a token
 * that read dynamic secrets (database credentials still in use) is left to expire instead.
 *
 * <p>No background thread: the check runs lazily before each use. The lock makes renewals and
 * logins single-flight; while a still-valid token is being renewed, other callers go on with it.
 */
final class VaultTokenManager implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VaultTokenManager.class);
    /** How long to wait before trying again after a failed renewal, while the token is still valid. */
    private static final Duration RETRY = Duration.ofSeconds(10);

    private final VaultTransport transport;
    private final VaultLogin login;
    private final Supplier<String> userToken;
    private final VaultErrors errors;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile VaultSession current;
    private volatile boolean closed;
    private volatile boolean leasesIssued;

    /**
     * @param login     how to log in, or null to use {@code userToken}
     * @param userToken the user's token (tokenSecretRef) or null for none; read once
     */
    VaultTokenManager(VaultTransport transport, VaultLogin login, Supplier<String> userToken, Clock clock) {
        this.transport = transport;
        this.login = login;
        this.userToken = userToken;
        this.errors = new VaultErrors(transport.server());
        this.clock = clock;
    }

    /** The session to use now, logging in or renewing first when due. */
    VaultSession session() {
        VaultSession s = current;
        Instant now = clock.instant();
        if (s != null && !s.due(now)) {
            return s;
        }
        if (s != null && s.usable(now)) {
            if (lock.tryLock()) {
                try {
                    if (current == s && !closed) {
                        refresh(s);
                    }
                } finally {
                    lock.unlock();
                }
            }
            VaultSession fresh = current;
            return fresh != null ? fresh : s;
        }
        lock.lock();
        try {
            checkOpen();
            s = current;
            if (s == null) {
                current = start();
            } else if (!s.usable(clock.instant())) {
                current = newLogin();
            } else if (s.due(clock.instant())) {
                refresh(s);
            }
            return current;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called after Vault answered 403 with {@code failed}: tells a revoked or expired token from a
     * missing permission. Returns a fresh session to retry with, or null if the token is alive
     * (the 403 is a real permission problem).
     */
    VaultSession recover(VaultSession failed) {
        if (failed.token() == null) {
            return null;
        }
        lock.lock();
        try {
            checkOpen();
            if (current != failed) {
                return current; // another caller already replaced it
            }
            try {
                auth(failed).lookupSelf();
                return null;
            } catch (VaultException e) {
                if (!isRejected(e)) {
                    throw errors.exception(e, "looking up the Vault token");
                }
            }
            if (!failed.fromLogin()) {
                throw ProviderException.accessDenied("the Vault token from spec.provider.vault.auth.tokenSecretRef is invalid,"
                        + " expired or revoked");
            }
            LOG.infof("Vault token for %s was revoked or expired; logging in again with %s", transport.server(),
                    login.describe());
            current = newLogin();
            return current;
        } finally {
            lock.unlock();
        }
    }

    /** A cheap live check: the token is accepted (lookup-self). */
    void validate() {
        VaultSession s = session();
        if (s.token() == null) {
            return;
        }
        try {
            auth(s).lookupSelf();
        } catch (VaultException e) {
            if (isRejected(e) && recover(s) != null) {
                return;
            }
            throw isRejected(e) ? ProviderException.accessDenied("Vault rejected the token at lookup-self")
                    : errors.exception(e, "looking up the Vault token");
        }
    }

    /** A lease was issued with this client's token: closing must not revoke the token (and the lease with it). */
    void leaseIssued() {
        leasesIssued = true;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            VaultSession s = current;
            current = null;
            if (s != null && s.fromLogin() && leasesIssued) {
                LOG.debugf("leaving the Vault token of %s at %s to expire: leases issued with it would be revoked with it",
                        login.describe(), transport.server());
            } else if (s != null && s.fromLogin() && s.usable(clock.instant())) {
                try {
                    auth(s).revokeSelf();
                } catch (VaultException e) {
                    LOG.warnf("could not revoke the Vault token of %s at %s: %s", login.describe(), transport.server(),
                            errors.exception(e, "revoking the token").getMessage());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private VaultSession start() {
        if (login != null) {
            return newLogin();
        }
        String token = userToken == null ? null : userToken.get();
        return VaultSession.of(token, transport.vault(token), false, false, 0, 0, clock.instant());
    }

    /** Renews, or logs in again; keeps the old token (and retries later) if it is still valid and Vault is down. */
    private void refresh(VaultSession s) {
        Instant now = clock.instant();
        try {
            if (!s.renewable()) {
                current = newLogin();
                return;
            }
            AuthResponse r;
            try {
                r = auth(s).renewSelf();
            } catch (VaultException e) {
                if (!isRejected(e) && !(e.getHttpStatusCode() == 400)) {
                    throw errors.exception(e, "renewing the Vault token");
                }
                LOG.infof("Vault refused to renew the token of %s; logging in again", login.describe());
                current = newLogin();
                return;
            }
            long ttl = r.getAuthLeaseDuration();
            if (ttl * 3 < s.loginTtl() || !r.isAuthRenewable()) {
                current = newLogin(); // near its max TTL: a renewal no longer buys time
                return;
            }
            current = VaultSession.of(s.token(), s.vault(), true, true, s.loginTtl(), ttl, now);
        } catch (ProviderException e) {
            if (!s.usable(clock.instant())) {
                throw e;
            }
            LOG.warnf("Vault token refresh for %s failed, the current token stays in use: %s", transport.server(),
                    e.getMessage());
            current = s.retryLater(clock.instant(), RETRY);
        }
    }

    private VaultSession newLogin() {
        VaultLogin.Token t;
        try {
            t = login.login(transport.vault(null), transport.authNamespace());
        } catch (VaultException e) {
            int status = e.getHttpStatusCode();
            if (status == 400 || status == 401 || status == 403) {
                throw ProviderException.accessDenied("Vault rejected the login with " + login.describe()
                        + " (HTTP " + status + ")");
            }
            throw errors.exception(e, "logging in with " + login.describe());
        }
        return VaultSession.of(t.value(), transport.vault(t.value()), true, t.renewable(), t.ttlSeconds(),
                t.ttlSeconds(), clock.instant());
    }

    private Auth auth(VaultSession s) {
        Auth auth = s.vault().auth();
        String ns = transport.authNamespace();
        return ns == null ? auth : auth.withNameSpace(ns);
    }

    private static boolean isRejected(VaultException e) {
        return e.getHttpStatusCode() == 401 || e.getHttpStatusCode() == 403;
    }

    private void checkOpen() {
        if (closed) {
            throw ProviderException.unavailable("the Vault client for " + transport.server() + " has been closed", null);
        }
    }
}
