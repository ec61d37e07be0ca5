package dev.coffer.faults;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.LogCapture;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user sees of a fault: events, status and the operator log, each one line without a stack trace. */
final class UserFacing {

    private UserFacing() {
    }

    static void assertNoStackTrace(KubernetesClient admin, String ns, String esName, LogCapture log) {
        assertNoStackTrace(admin, ns, esName, log, "");
    }

    /** As above, for the log records of loggers under {@code loggerPrefix} only. */
    static void assertNoStackTrace(KubernetesClient admin, String ns, String esName, LogCapture log, String loggerPrefix) {
        for (Event e : admin.v1().events().inNamespace(ns).list().getItems()) {
            assertOneLine("event " + e.getReason(), e.getMessage());
        }
        ExternalSecret es = admin.resources(ExternalSecret.class).inNamespace(ns).withName(esName).get();
        Await.ready(es).ifPresent(c -> assertOneLine("Ready condition", c.message));
        for (LogRecord r : log.records()) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue() && r.getLoggerName() != null
                    && r.getLoggerName().startsWith(loggerPrefix)) {
                assertThat(r.getThrown()).as("stack trace logged by %s at %s: %s", r.getLoggerName(), r.getLevel(),
                        r.getMessage()).isNull();
                assertOneLine("log line of " + r.getLoggerName(), log.format(r));
            }
        }
    }

    /** The value appears in no event, no status and no log line. */
    static void assertNoValue(KubernetesClient admin, String ns, String esName, LogCapture log, String value) {
        for (Event e : admin.v1().events().inNamespace(ns).list().getItems()) {
            assertThat(e.getMessage()).as("event " + e.getReason()).doesNotContain(value);
        }
        ExternalSecret es = admin.resources(ExternalSecret.class).inNamespace(ns).withName(esName).get();
        assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(es.getStatus())).as("status").doesNotContain(value);
        assertThat(log.lines()).as("log").noneSatisfy(line -> assertThat(line).contains(value));
    }

    static void assertOneLine(String where, String text) {
        assertThat(text).as(where).doesNotContain("\n").doesNotContain("\tat ").doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Za-z.]*Exception");
    }
}
