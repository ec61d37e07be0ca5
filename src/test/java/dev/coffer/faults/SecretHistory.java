package dev.coffer.faults;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every state one Secret went through while a fault was on, seen by the test's own (unfaulted)
 * watch: proof that no synced Secret was ever emptied or deleted, not just that it looks right
 * at the end.
 */
final class SecretHistory implements AutoCloseable {

    private record Seen(Watcher.Action action, Map<String, String> data) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Watch watch;

    SecretHistory(KubernetesClient admin, String ns, String name) {
        watch = admin.secrets().inNamespace(ns).withName(name).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Secret secret) {
                seen.add(new Seen(action, secret.getData() == null ? Map.of() : Map.copyOf(secret.getData())));
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    /** No deletion, and every version held every key the first one had. */
    void assertNeverEmptiedOrDeleted(String... keys) {
        assertThat(seen).as("states of the synced Secret").allSatisfy(s -> {
            assertThat(s.action()).isNotEqualTo(Watcher.Action.DELETED);
            assertThat(s.data()).containsKeys(keys);
            s.data().values().forEach(v -> assertThat(v).isNotEmpty());
        });
    }

    @Override
    public void close() {
        watch.close();
    }
}
