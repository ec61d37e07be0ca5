package dev.coffer.generator;

import dev.coffer.api.externalsecrets.v1.GeneratorState;
import dev.coffer.api.externalsecrets.v1.LeaseStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides what to do with a recorded lease (pure, unit-tested): keep it, renew it, or replace
 * the credentials. A lease is renewed about two thirds into its TTL, less a jitter of up to a
 * tenth of the TTL derived from its id (so many leases do not renew in the same second, and a
 * restart keeps the schedule). Credentials are replaced when the lease has run out, is not
 * renewable, or a renewal no longer buys at least half the original TTL (its max TTL is near).
 */
public final class LeasePlanner {

    public enum Action { KEEP, RENEW, REPLACE }

    private LeasePlanner() {
    }

    public static Action decide(LeaseStatus lease, Instant now) {
        Instant expiry = time(lease.expiryTime);
        if (expiry != null && !now.isBefore(expiry)) {
            return Action.REPLACE;
        }
        Instant renew = time(lease.renewTime);
        if (renew == null || now.isBefore(renew)) {
            return Action.KEEP;
        }
        return Boolean.TRUE.equals(lease.renewable) ? Action.RENEW : Action.REPLACE;
    }

    /** The record of a lease just issued. */
    public static LeaseStatus issued(Lease lease, Instant now) {
        LeaseStatus s = new LeaseStatus();
        s.id = lease.id();
        s.renewable = lease.renewable();
        s.ttlSeconds = lease.ttlSeconds();
        schedule(s, lease.ttlSeconds(), now);
        return s;
    }

    /** The record after a renewal that granted {@code granted}; empty when the lease can no longer be extended. */
    public static Optional<LeaseStatus> renewed(LeaseStatus previous, Lease granted, Instant now) {
        long original = previous.ttlSeconds == null ? 0 : previous.ttlSeconds;
        if (granted.ttlSeconds() <= 0 || granted.ttlSeconds() * 2 < original) {
            return Optional.empty();
        }
        LeaseStatus s = new LeaseStatus();
        s.id = previous.id;
        s.renewable = granted.renewable();
        s.ttlSeconds = original;
        schedule(s, granted.ttlSeconds(), now);
        return Optional.of(s);
    }

    /** Whether any recorded lease needs action now. */
    public static boolean due(List<GeneratorState> states, Instant now) {
        return leases(states).anyMatch(l -> decide(l, now) != Action.KEEP);
    }

    /** The earliest moment a recorded lease needs action, if any lease is recorded. */
    public static Optional<Instant> nextAction(List<GeneratorState> states) {
        return leases(states).map(l -> time(l.renewTime) != null ? time(l.renewTime) : time(l.expiryTime))
                .filter(t -> t != null).min(Instant::compareTo);
    }

    /** When to renew a lease that lasts {@code ttlSeconds} from {@code now}. */
    static Instant renewAt(Instant now, long ttlSeconds, String leaseId) {
        long ttlMillis = ttlSeconds * 1000;
        long fraction = Math.floorMod((leaseId == null ? 0 : leaseId.hashCode()) * 2654435761L, 1000L);
        long jitter = ttlMillis / 10 * fraction / 1000;
        return now.plusMillis(ttlMillis * 2 / 3 - jitter);
    }

    private static void schedule(LeaseStatus s, long ttlSeconds, Instant now) {
        if (ttlSeconds <= 0) {
            return; // does not expire
        }
        s.expiryTime = now.plusSeconds(ttlSeconds).toString();
        s.renewTime = renewAt(now, ttlSeconds, s.id).toString();
    }

    private static java.util.stream.Stream<LeaseStatus> leases(List<GeneratorState> states) {
        return states == null ? java.util.stream.Stream.empty()
                : states.stream().filter(s -> s != null && s.lease != null).map(s -> s.lease);
    }

    private static Instant time(String rfc3339) {
        if (rfc3339 == null || rfc3339.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(rfc3339);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH; // unreadable: act now rather than never
        }
    }
}
