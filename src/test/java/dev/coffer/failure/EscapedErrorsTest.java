package dev.coffer.failure;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.LogCapture;
import dev.coffer.testsupport.Specs;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed status patch: no retry of JOSDK's (no stack trace from it), no second status patch,
 * a retry after the shared backoff, which grows while the patches keep failing even though each
 * reconcile before them succeeded, and one log line that names the call and never the server's text.
 */
class EscapedErrorsTest {

    private static final Logger LOG = Logger.getLogger("dev.coffer.failure.EscapedErrorsTest");
    private static final FailureReport.Vocabulary WORDS = new FailureReport.Vocabulary("SecretSyncedError", "invalid ExternalSecret: ");

    @Test
    void aFailedStatusPatchIsRetriedAfterAGrowingBackoffWithOneLine() {
        ExternalSecret es = Specs.es("apps", "app", "refreshInterval: 1h\n");
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(7));
        KubernetesClientException conflict = new KubernetesClientException("Operation cannot be fulfilled canary-s3cr3t", 409, null);
        long previous = 0;
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < 4; i++) {
                backoff.reset("apps/app"); // the reconcile itself succeeded each time
                ErrorStatusUpdateControl<ExternalSecret> control = EscapedErrors.retryLater(es, conflict, WORDS, backoff, LOG);
                assertThat(control.isNoRetry()).isTrue();
                assertThat(control.isDefaultErrorProcessing()).isFalse();
                assertThat(control.getResource()).isEmpty();
                long delay = control.getScheduleDelay().orElseThrow();
                assertThat(delay).isGreaterThan(previous);
                previous = delay;
            }
            assertThat(log.lines()).filteredOn(l -> l.contains("while updating its status")).hasSize(4).allSatisfy(l -> assertThat(l)
                    .contains("apps/app").contains("Kubernetes API error (HTTP 409) while updating its status")
                    .doesNotContain("canary").doesNotContain("\n"));
            assertThat(log.records()).filteredOn(r -> r.getLoggerName().equals("dev.coffer.failure.EscapedErrorsTest"))
                    .allSatisfy(r -> assertThat(r.getThrown()).isNull());
        }
        assertThat(previous).isGreaterThan(Duration.ofSeconds(6).toMillis());
    }

    /** A client closed by a shutdown while the patch was on its way: one line naming the type, no stack trace. */
    @Test
    void anErrorOfNoKnownKindIsOneLineToo() {
        ExternalSecret es = Specs.es("apps", "app", "refreshInterval: 1h\n");
        try (LogCapture log = LogCapture.start()) {
            EscapedErrors.retryLater(es, new IllegalStateException("Client is closed canary-s3cr3t"), WORDS, new RetryBackoff(), LOG);
            assertThat(log.records()).filteredOn(r -> r.getLoggerName().equals("dev.coffer.failure.EscapedErrorsTest")
                            && r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                    .singleElement().satisfies(r -> assertThat(r.getThrown()).isNull());
            assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("could not update its status (IllegalStateException)")
                    .doesNotContain("canary"));
        }
    }
}
