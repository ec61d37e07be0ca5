package dev.coffer.failure;

import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import java.io.InterruptedIOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call the API server never answered (a dropped connection, a timeout, a client closed by a
 * shutdown: the fault suite's restart) has no HTTP status; the message says so instead of "HTTP -1".
 */
class KubeOperationFailureTest {

    @Test
    void aCallWithoutAnAnswerSaysSo() {
        var noAnswer = new KubernetesClientException("An error has occurred.", new InterruptedIOException("closed"));
        assertThat(new KubeOperationFailure("writing the Secret ns/app", noAnswer).getMessage())
                .isEqualTo("no answer from the Kubernetes API (InterruptedIOException) while writing the Secret ns/app");
        assertThat(FailureReport.of(noAnswer, new FailureReport.Vocabulary("Failed", "")).message()).isEqualTo("no answer from the Kubernetes API (InterruptedIOException)");
    }

    @Test
    void anAnsweredCallNamesItsStatus() {
        var conflict = new KubernetesClientException("Conflict", 409, null);
        assertThat(new KubeOperationFailure("writing the Secret ns/app", conflict).getMessage())
                .isEqualTo("Kubernetes API error (HTTP 409) while writing the Secret ns/app");
    }
}
