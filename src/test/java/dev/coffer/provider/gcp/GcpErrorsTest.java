package dev.coffer.provider.gcp;

import dev.coffer.provider.ProviderException;
import dev.coffer.provider.ProviderException.Kind;
import dev.coffer.testsupport.gcp.GcpTestStores;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import static dev.coffer.testsupport.RemoteRefs.ref;
import static dev.coffer.testsupport.RemoteRefs.utf8;
import static dev.coffer.testsupport.gcp.GcpTestStores.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Secret Manager's failures, as gRPC statuses from the fake, reach the reconciler typed, with
 * messages that never quote a value. NOT_FOUND only for a secret that does not exist.
 */
class GcpErrorsTest extends GcpClientTest {

    private static final String CANARY = "canary-gcp-7Qx-do-not-leak";


    private ProviderException failure(Runnable r) {
        try {
            r.run();
        } catch (ProviderException e) {
            assertThat(e.getMessage()).doesNotContain(CANARY);
            return e;
        }
        throw new AssertionError("expected a ProviderException");
    }

    @Test
    void aMissingSecretIsNotFoundAMissingVersionIsNot() {
        t.sm.addVersion(PROJECT, "exists", CANARY);
        t.sm.createEmpty(PROJECT, "empty");
        client = t.client(GcpTestStores.block());

        ProviderException missing = failure(() -> client.getSecret(ref("nope")));
        assertThat(missing.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(missing.getMessage()).contains("secret \"nope\" not found");

        ProviderException version = failure(() -> client.getSecret(ref("exists", null, "7")));
        assertThat(version.kind()).as("the secret exists: deletionPolicy must not fire").isEqualTo(Kind.INVALID_CONFIG);
        assertThat(version.getMessage()).contains("version \"7\" of secret \"exists\" does not exist");

        ProviderException noVersions = failure(() -> client.getSecret(ref("empty")));
        assertThat(noVersions.kind()).isEqualTo(Kind.INVALID_CONFIG);
        assertThat(noVersions.getMessage()).contains("has no versions");
    }

    @Test
    void permissionDeniedIsAccessDenied() {
        t.sm.addVersion(PROJECT, "k", CANARY);
        t.sm.failNext("AccessSecretVersion", Status.PERMISSION_DENIED.withDescription("value " + CANARY));
        client = t.client(GcpTestStores.block());

        ProviderException e = failure(() -> client.getSecret(ref("k")));
        assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
        assertThat(e.getMessage()).contains("PERMISSION_DENIED", "secretAccessor");
    }

    @Test
    void resourceExhaustedIsRetriedThenThrottled() {
        t.sm.addVersion(PROJECT, "k", CANARY);
        t.sm.failNext("AccessSecretVersion", Status.RESOURCE_EXHAUSTED, Status.RESOURCE_EXHAUSTED, Status.RESOURCE_EXHAUSTED);
        client = t.client(GcpTestStores.block());

        ProviderException e = failure(() -> client.getSecret(ref("k")));
        assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
        assertThat(t.sm.count("AccessSecretVersion")).as("the SDK's bounded retries ran").isEqualTo(3);
    }

    @Test
    void unavailableIsRetriedAndRecovers() {
        t.sm.addVersion(PROJECT, "k", "fine");
        t.sm.failNext("AccessSecretVersion", Status.UNAVAILABLE);
        client = t.client(GcpTestStores.block());

        assertThat(utf8(client.getSecret(ref("k")))).isEqualTo("fine");
        assertThat(t.sm.count("AccessSecretVersion")).isEqualTo(2);
    }

    @Test
    void unavailableThroughEveryRetryIsUnavailable() {
        t.sm.addVersion(PROJECT, "k", CANARY);
        t.sm.failNext("AccessSecretVersion", Status.UNAVAILABLE, Status.UNAVAILABLE, Status.UNAVAILABLE);
        client = t.client(GcpTestStores.block());

        ProviderException e = failure(() -> client.getSecret(ref("k")));
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("UNAVAILABLE");
    }

    @Test
    void aFailureIsNotKeptTheNextReadCallsAgain() {
        t.sm.addVersion(PROJECT, "k", "fine");
        t.sm.failNext("AccessSecretVersion", Status.PERMISSION_DENIED);
        client = t.client(GcpTestStores.block());

        failure(() -> client.getSecret(ref("k")));
        assertThat(utf8(client.getSecret(ref("k")))).isEqualTo("fine");
    }

    @Test
    void aPropertyOfANonJsonValueNamesTheKeyNotTheValue() {
        t.sm.addVersion(PROJECT, "plain", CANARY);
        client = t.client(GcpTestStores.block());

        ProviderException e = failure(() -> client.getSecret(ref("plain", "field", null)));
        assertThat(e.getMessage()).contains("plain");
    }

    @Test
    void aRefusedKeyIsAccessDeniedAnUnreachableTokenEndpointUnavailable() {
        t.sm.addVersion(PROJECT, "k", CANARY);
        client = t.client(GcpTestStores.block());
        t.tokens.failWith(400);
        ProviderException refused = failure(() -> client.getSecret(ref("k")));
        assertThat(refused.kind()).isEqualTo(Kind.ACCESS_DENIED);
        client.close();

        client = t.client(GcpTestStores.block());
        t.tokens.failWith(503);
        ProviderException down = failure(() -> client.getSecret(ref("k")));
        assertThat(down.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThatThrownBy(() -> client.validate()).isInstanceOf(ProviderException.class);
    }
}
