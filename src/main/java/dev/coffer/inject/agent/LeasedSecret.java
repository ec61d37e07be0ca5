package dev.coffer.inject.agent;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Vault answer as the agent holds it: the template value consul-template's {@code secret}
 * returns ({@code .Data}, {@code .LeaseID}, {@code .LeaseDuration}, {@code .Renewable}, ...), and
 * when it is due for renewal or replacement. Pure.
 *
 * @param value     the template value (maps, lists and strings; JSON numbers keep their text, as Go's json.Number)
 * @param leaseId   empty for a secret without a lease (KV)
 * @param lease     the lease's duration, zero without one
 * @param renewable whether Vault lets the lease be renewed
 * @param since     when it was read or last renewed
 */
public record LeasedSecret(Map<String, Object> value, String leaseId, Duration lease, boolean renewable, Instant since) {

    public static LeasedSecret of(JsonNode answer, Instant now) {
        JsonNode a = answer == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : answer;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("RequestID", a.path("request_id").asText(""));
        v.put("LeaseID", a.path("lease_id").asText(""));
        v.put("LeaseDuration", a.path("lease_duration").asLong(0));
        v.put("Renewable", a.path("renewable").asBoolean(false));
        v.put("Data", goValue(a.path("data")));
        v.put("Warnings", goValue(a.path("warnings")));
        return new LeasedSecret(v, a.path("lease_id").asText(""), Duration.ofSeconds(a.path("lease_duration").asLong(0)),
                a.path("renewable").asBoolean(false), now);
    }

    public boolean leased() {
        return !leaseId.isEmpty() && !lease.isZero() && !lease.isNegative();
    }

    /** Renew (renewable) or read anew (not renewable) two thirds into the lease, as the Vault agent does about then. */
    public boolean leaseDue(Instant now) {
        return leased() && !now.isBefore(since.plus(lease.multipliedBy(2).dividedBy(3)));
    }

    /** A lease renewed at {@code now} for {@code duration}. */
    public LeasedSecret renewed(Duration duration, Instant now) {
        return new LeasedSecret(value, leaseId, duration, renewable, now);
    }

    static Object goValue(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), goValue(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(e -> l.add(goValue(e)));
            return l;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return n.asText();
    }
}
