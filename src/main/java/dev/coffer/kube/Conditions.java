package dev.coffer.kube;

import dev.coffer.api.externalsecrets.v1.Condition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Sets status conditions the Kubernetes way: lastTransitionTime moves only when the status flips. */
public final class Conditions {

    private Conditions() {
    }

    public static List<Condition> set(List<Condition> current, String type, String status, String reason,
                                      String message, Instant now) {
        List<Condition> out = new ArrayList<>();
        Condition previous = null;
        if (current != null) {
            for (Condition c : current) {
                if (type.equals(c.type)) {
                    previous = c;
                } else {
                    out.add(c);
                }
            }
        }
        Condition next = new Condition();
        next.type = type;
        next.status = status;
        next.reason = reason;
        next.message = message;
        next.lastTransitionTime = previous != null && Objects.equals(previous.status, status) && previous.lastTransitionTime != null
                ? previous.lastTransitionTime : now.truncatedTo(ChronoUnit.SECONDS).toString();
        out.add(next);
        return out;
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty() : conditions.stream().filter(c -> type.equals(c.type)).findFirst();
    }

    /** Whether the condition of that type exists with the same status, reason and message. */
    public static boolean same(List<Condition> conditions, String type, String status, String reason, String message) {
        return find(conditions, type).filter(c -> Objects.equals(c.status, status) && Objects.equals(c.reason, reason)
                && Objects.equals(c.message, message)).isPresent();
    }
}
