package dev.coffer.kube;

import dev.coffer.testsupport.LogCapture;
import dev.coffer.testsupport.kubernetes.FaultyApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events handed over, not waited for: in order, built at hand-over, dropped (counted) when the queue is full. */
class QueuedEventRecorderTest {

    final FaultyApiServer api = new FaultyApiServer();
    /** The recorder's client: the admin client's requests are never slowed. */
    final KubernetesClient client = api.server().createClient();

    @AfterEach
    void stop() {
        client.close();
        api.close();
    }

    ConfigMap involved(String resourceVersion) {
        return new ConfigMapBuilder().withNewMetadata().withNamespace("ev").withName("cm").withUid("u-1")
                .withResourceVersion(resourceVersion).endMetadata().build();
    }

    List<Event> events() {
        return api.admin().v1().events().inNamespace("ev").list().getItems();
    }

    @Test
    void eachEventArrivesAsItWasWhenHandedOver() {
        try (QueuedEventRecorder recorder = new QueuedEventRecorder(client, "test-component")) {
            ConfigMap cm = involved("7");
            recorder.record(cm, "Normal", "First", "one");
            cm.getMetadata().setResourceVersion("8"); // changed after the hand-over: not in the Event
            recorder.record(cm, "Warning", "Second", "two");

            await().atMost(Duration.ofSeconds(30)).until(() -> events().size() == 2);
            assertThat(events()).extracting(Event::getReason).containsExactlyInAnyOrder("First", "Second");
            assertThat(events()).filteredOn(e -> e.getReason().equals("First")).singleElement().satisfies(e -> {
                assertThat(e.getInvolvedObject().getResourceVersion()).isEqualTo("7");
                assertThat(e.getType()).isEqualTo("Normal");
                assertThat(e.getSource().getComponent()).isEqualTo("test-component");
            });
            assertThat(recorder.dropped()).isZero();
        }
    }

    @Test
    void aFullQueueDropsEventsInsteadOfWaiting() {
        api.slow(r -> r.getPath().contains("/events"), Duration.ofSeconds(8));
        try (LogCapture logs = new LogCapture();
             QueuedEventRecorder recorder = new QueuedEventRecorder(new EventRecorder(client, "c"), "c", 2)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                recorder.record(involved("1"), "Normal", "R" + i, "m");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
            // one in flight and two queued at most
            assertThat(recorder.dropped()).isGreaterThanOrEqualTo(7);
            // one warning for the burst, not one per Event dropped
            assertThat(logs.records().stream().filter(r -> r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()
                    && logs.format(r).contains("are being dropped"))).hasSize(1);
        }
    }
}
