package dev.coffer.faults;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.LogCapture;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static dev.coffer.testsupport.TestResources.externalSecretOn;
import static dev.coffer.testsupport.TestResources.fakeStore;
import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API server misbehaves while Coffer syncs: error answers (500, 409, 429), dropped watches,
 * slow answers, and an operator restart in the middle of a sync. For each: the synced Secret is
 * never emptied or deleted (every state of it is watched), no user-facing text carries a stack
 * trace, and once the fault ends the ExternalSecret is Ready with the new value within one
 * backoff.
 */
class ApiServerFaultTest extends FaultSuite {

    @BeforeEach
    void syncedOnce() {
        admin.resource(fakeStore(NS, "fake", Map.of("k1", "v1", "k2", "v2", "k3", "v3"))).create();
        admin.resource(externalSecretOn(NS, ES, "SecretStore", "fake", """
                  data:
                  - secretKey: value
                    remoteRef: {key: k1}
                """)).create();
        coffer = new CofferUnderFault(admin.getConfiguration()).start();
        Await.synced(admin, NS, ES);
        assertThat(value()).isEqualTo("v1");
        log = LogCapture.start();
    }

    @Test
    void secretWritesAnswered500() {
        failingWritesRecover(500, "Kubernetes API error (HTTP 500) while writing the Secret apps/app");
    }

    @Test
    void secretWritesAnswered409() {
        failingWritesRecover(409, "Kubernetes API error (HTTP 409) while writing the Secret apps/app");
    }

    @Test
    void secretWritesAnswered429() {
        failingWritesRecover(429, "Kubernetes API error (HTTP 429) while writing the Secret apps/app");
    }

    @Test
    void statusPatchesAnswered500() {
        failingStatusPatchesRecover(500);
    }

    @Test
    void statusPatchesAnswered409() {
        failingStatusPatchesRecover(409);
    }

    /**
     * The status patch after a sync fails {@code status} four times: the new value is there all
     * along, Ready follows within one backoff, and the failure is one line of Coffer's, with no
     * stack trace from anyone (JOSDK's own WARN with the client's stack trace is not reached).
     */
    private void failingStatusPatchesRecover(int status) {
        try (SecretHistory history = new SecretHistory(admin, NS, ES)) {
            AtomicInteger hits = api.fail(statusOf(ES), status, 4);
            changeRemoteValueAndForceSync("v2");
            Await.await().until(() -> hits.get() >= 4);
            Instant healed = Instant.now();
            assertReadyWith("v2", healed);
            history.assertNeverEmptiedOrDeleted("value");
        }
        assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                .contains("Kubernetes API error (HTTP " + status + ") while updating its status")
                .contains(NS + "/" + ES).doesNotContain("\n"));
        UserFacing.assertNoStackTrace(admin, NS, ES, log);
    }

    @Test
    void droppedWatchesAreWatchedAgain() {
        Await.await().until(() -> api.openWatches() > 0);
        int watching = api.openWatches();
        try (SecretHistory history = new SecretHistory(admin, NS, ES)) {
            assertThat(api.dropWatches()).as("watch connections dropped").isPositive();
            // The mock server does not replay events missed between the drop and the new watch
            // (a real one does, from the resourceVersion), so the change waits for the new watches.
            Await.await().until(() -> api.openWatches() >= watching);
            changeRemoteValueAndForceSync("v2");
            assertReadyWith("v2", Instant.now());
            history.assertNeverEmptiedOrDeleted("value");
        }
        // the Secret watch is back too: a deleted Secret is restored
        api.dropWatches();
        Await.await().until(() -> api.openWatches() >= watching);
        admin.secrets().inNamespace(NS).withName(ES).delete();
        Await.secret(admin, NS, ES, s -> "v2".equals(decoded(s, "value")));
        UserFacing.assertNoStackTrace(admin, NS, ES, log);
    }

    @Test
    void slowAnswersStillSync() {
        try (SecretHistory history = new SecretHistory(admin, NS, ES)) {
            double failedBefore = coffer.syncErrors(ES); // the first sync may have found the store not yet validated
            AtomicInteger hits = api.slow(secretsIn(NS, "GET", "PUT", "PATCH", "POST"), Duration.ofSeconds(2));
            changeRemoteValueAndForceSync("v2");
            Await.await().until(() -> "v2".equals(value()));
            Await.synced(admin, NS, ES);
            assertThat(hits.get()).as("slowed Secret calls").isPositive();
            assertThat(coffer.syncErrors(ES)).as("failed syncs").isEqualTo(failedBefore);
            history.assertNeverEmptiedOrDeleted("value");
        }
        UserFacing.assertNoStackTrace(admin, NS, ES, log);
    }

    @Test
    void restartInTheMiddleOfASync() {
        try (SecretHistory history = new SecretHistory(admin, NS, ES)) {
            AtomicInteger writes = api.slow(secretsIn(NS, "PUT", "PATCH"), Duration.ofSeconds(3));
            changeRemoteValueAndForceSync("v3");
            Await.await().until(() -> writes.get() > 0); // the write is on its way
            coffer.stop();
            api.heal();
            // the new process knows nothing of the old one's sync, and must end where it would have
            coffer.start();
            assertReadyWith("v3", Instant.now());
            history.assertNeverEmptiedOrDeleted("value");
        }
        UserFacing.assertNoStackTrace(admin, NS, ES, log);
    }

    /** Secret writes fail with {@code status} until healed: Ready=False and the old Secret; then the new value within one backoff. */
    private void failingWritesRecover(int status, String message) {
        try (SecretHistory history = new SecretHistory(admin, NS, ES)) {
            AtomicInteger hits = api.fail(secretsIn(NS, "PUT", "PATCH", "POST", "DELETE"), status);
            changeRemoteValueAndForceSync("v2");
            Await.failing(admin, NS, ES, message);
            assertThat(hits.get()).isPositive();
            assertThat(value()).as("the synced Secret during the fault").isEqualTo("v1");
            Instant healed = Instant.now();
            api.heal();
            assertReadyWith("v2", healed);
            history.assertNeverEmptiedOrDeleted("value");
        }
        UserFacing.assertNoStackTrace(admin, NS, ES, log);
    }

    private void assertReadyWith(String expected, Instant since) {
        Duration oneBackoff = oneBackoff();
        Await.await().atMost(oneBackoff).untilAsserted(() -> {
            assertThat(value()).isEqualTo(expected);
            ExternalSecret es = admin.resources(ExternalSecret.class).inNamespace(NS).withName(ES).get();
            assertThat(Await.ready(es)).hasValueSatisfying(c -> {
                assertThat(c.status).isEqualTo("True");
                assertThat(c.reason).isEqualTo("SecretSynced");
            });
        });
        assertThat(Duration.between(since, Instant.now())).isLessThan(oneBackoff);
    }

    /**
     * Points the ExternalSecret at the store key holding {@code value} (k, k2, k3 hold v1, v2, v3):
     * a spec change, so a sync is due at once, without a store edit that would need revalidating.
     */
    private void changeRemoteValueAndForceSync(String value) {
        admin.resources(ExternalSecret.class).inNamespace(NS).withName(ES).edit(es -> {
            es.getSpec().data.get(0).remoteRef.key = "k" + value.substring(1);
            return es;
        });
    }

    private static Predicate<RecordedRequest> secretsIn(String ns, String... methods) {
        Set<String> verbs = Set.of(methods);
        String path = "/api/v1/namespaces/" + ns + "/secrets";
        return r -> verbs.contains(r.getMethod().toUpperCase()) && r.getPath().startsWith(path) && !r.getPath().contains("watch=");
    }

    private static Predicate<RecordedRequest> statusOf(String name) {
        return r -> "PATCH".equalsIgnoreCase(r.getMethod()) || "PUT".equalsIgnoreCase(r.getMethod())
                ? r.getPath().contains("/externalsecrets/" + name + "/status") : false;
    }
}
