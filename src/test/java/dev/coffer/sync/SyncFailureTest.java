package dev.coffer.sync;

import dev.coffer.failure.FailureReport;
import dev.coffer.failure.KubeOperationFailure;
import dev.coffer.provider.ProviderException;
import dev.coffer.store.StoreNotUsableException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The ExternalSecret controller's words on the shared failure path: ESO's reasons and messages. */
class SyncFailureTest {

    @Test
    void ownershipConflictIsNotRetried() {
        FailureReport f = SyncFailure.of(new TargetConflictException("SecretSyncedError", "target is owned by another ExternalSecret (x)"));
        assertThat(f.reason()).isEqualTo("SecretSyncedError");
        assertThat(f.message()).isEqualTo("target is owned by another ExternalSecret (x)");
        assertThat(f.retryable()).isFalse();
    }

    @Test
    void missingMergeTargetIsReportedAsSecretMissingAndRetried() {
        FailureReport f = SyncFailure.of(new TargetConflictException("SecretMissing", "target Secret app does not exist"));
        assertThat(f.reason()).isEqualTo("SecretMissing");
        assertThat(f.message()).contains("does not exist");
        assertThat(f.retryable()).isTrue();
    }

    @Test
    void invalidSpecIsNotRetried() {
        FailureReport f = SyncFailure.of(new InvalidSpecException("duplicate secretKey \"a\""));
        assertThat(f).isEqualTo(new FailureReport("SecretSyncedError", "invalid ExternalSecret: duplicate secretKey \"a\"", false));
    }

    @Test
    void unusableStoreIsRetriedWithBackoff() {
        FailureReport f = SyncFailure.of(new StoreNotUsableException("SecretStore team-a/s is not Ready"));
        assertThat(f.reason()).isEqualTo("SecretSyncedError");
        assertThat(f.message()).isEqualTo("could not get store: SecretStore team-a/s is not Ready");
        assertThat(f.retryable()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ProviderException.Kind.class)
    void providerErrorsKeepTheirMessageAndOnlyInvalidConfigIsNotRetried(ProviderException.Kind kind) {
        FailureReport f = SyncFailure.of(new ProviderException(kind, "key \"db\" problem"));
        assertThat(f.reason()).isEqualTo("SecretSyncedError");
        assertThat(f.message()).endsWith("key \"db\" problem");
        assertThat(f.retryable()).isEqualTo(kind != ProviderException.Kind.INVALID_CONFIG);
    }

    @Test
    void providerErrorPrefixesSayWhatHappened() {
        assertThat(SyncFailure.of(ProviderException.notFound("k")).message()).startsWith("remote secret not found");
        assertThat(SyncFailure.of(ProviderException.accessDenied("k")).message()).startsWith("access denied");
        assertThat(SyncFailure.of(ProviderException.throttled("k")).message()).startsWith("throttled");
        assertThat(SyncFailure.of(ProviderException.invalidConfig("k")).message()).startsWith("invalid provider configuration");
        assertThat(SyncFailure.of(ProviderException.unavailable("k", null)).message()).startsWith("provider unavailable");
    }

    @Test
    void kubernetesErrorsShowTheCodeButNotTheServerText() {
        FailureReport f = SyncFailure.of(new KubernetesClientException("Secret data canary-s3cr3t rejected", 422, null));
        assertThat(f.message()).contains("HTTP 422").doesNotContain("canary");
        assertThat(f.retryable()).isTrue();
    }

    @Test
    void unknownExceptionMessagesAreNotLeaked() {
        FailureReport f = SyncFailure.of(new IllegalStateException("canary-s3cr3t"));
        assertThat(f.reason()).isEqualTo("SecretSyncedError");
        assertThat(f.message()).doesNotContain("canary").doesNotContain("s3cr3t").contains("IllegalStateException");
        assertThat(f.retryable()).isTrue();
        assertThat(SyncFailure.of(new RuntimeException("canary-s3cr3t")).message()).doesNotContain("canary");
        assertThat(SyncFailure.of(new NullPointerException("canary-s3cr3t")).message()).doesNotContain("canary");
    }

    @Test
    void wrappersAreUnwrapped() {
        InvalidSpecException cause = new InvalidSpecException("bad");
        assertThat(SyncFailure.of(new CompletionException(cause)).message()).isEqualTo("invalid ExternalSecret: bad");
        assertThat(SyncFailure.of(new ExecutionException(cause)).message()).isEqualTo("invalid ExternalSecret: bad");
        assertThat(SyncFailure.of(new RuntimeException("canary", new CompletionException(ProviderException.notFound("k")))).message())
                .isEqualTo("remote secret not found: k");
        // a wrapper's own unknown message is not leaked either
        assertThat(SyncFailure.of(new CompletionException("canary-s3cr3t", new IllegalStateException("canary-2"))).message())
                .doesNotContain("canary");
    }

    /** Issue #14, defect 4: the condition names the call that failed, not always "writing the Secret". */
    @Test
    void aFailedKubernetesCallIsNamedByItsOperation() {
        KubernetesClientException forbidden = new KubernetesClientException("forbidden canary-s3cr3t", 403, null);
        assertThat(SyncFailure.of(new KubeOperationFailure("reading templateFrom Secret ns/tpl", forbidden)).message())
                .isEqualTo("Kubernetes API error (HTTP 403) while reading templateFrom Secret ns/tpl");
        assertThat(SyncFailure.of(new IllegalStateException("wrapped",
                new KubeOperationFailure("reading the store or its credentials", forbidden))).message())
                .endsWith("while reading the store or its credentials");
        assertThat(SyncFailure.of(forbidden).message()).isEqualTo("Kubernetes API error (HTTP 403)").doesNotContain("writing");
        assertThat(KubeOperationFailure.during("writing the Secret ns/s", () -> "ok")).isEqualTo("ok");
    }
}
