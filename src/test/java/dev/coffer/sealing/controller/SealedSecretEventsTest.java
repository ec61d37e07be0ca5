package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.TestKeys;
import dev.coffer.testsupport.kubernetes.FaultyApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An Event costs the unsealing worker no wait for the API server, and still arrives. */
class SealedSecretEventsTest {

    @Test
    void aSlowApiServerDoesNotHoldUpTheWorker() {
        try (FaultyApiServer api = new FaultyApiServer(); KubernetesClient client = api.server().createClient()) {
            recordOnce(api, client);
        }
    }

    /** {@code client}'s requests are slowed, the admin client's never. */
    private static void recordOnce(FaultyApiServer api, KubernetesClient client) {
        api.slow(r -> r.getPath().contains("/events"), Duration.ofSeconds(8));
        SealedSecret sealed = api.admin().resource(
                Fixtures.sealed(TestKeys.key(0).publicKey(), "ev", "db", Scope.STRICT, Map.of("k", "v"))).create();
        SealedSecretEvents events = new SealedSecretEvents(client);
        try {
            long t0 = System.nanoTime();
            events.record(sealed, Outcome.unsealed());
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(api.admin().v1().events().inNamespace("ev").list().getItems()).singleElement()
                            .satisfies(e -> {
                                assertThat(e.getReason()).isEqualTo(Outcome.UNSEALED);
                                assertThat(e.getSource().getComponent()).isEqualTo(SealedSecretEvents.COMPONENT);
                            }));
        } finally {
            events.close();
        }
    }
}
