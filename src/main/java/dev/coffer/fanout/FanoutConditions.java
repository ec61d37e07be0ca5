package dev.coffer.fanout;

import dev.coffer.api.externalsecrets.v1.Condition;

import java.util.List;

/**
 * The one condition upstream's ClusterExternalSecret and ClusterPushSecret carry: {@code Ready}
 * when every namespace is provisioned, {@code PartiallyReady} when some failed, {@code NotReady}
 * when all failed.
 */
final class FanoutConditions {

    static final String FAILED_MESSAGE = "one or more namespaces failed";

    private FanoutConditions() {
    }

    static List<Condition> of(int provisioned, int failed) {
        Condition c = new Condition();
        c.status = "True";
        if (failed == 0) {
            c.type = "Ready";
        } else {
            c.type = provisioned > 0 ? "PartiallyReady" : "NotReady";
            c.message = FAILED_MESSAGE;
        }
        return List.of(c);
    }
}
