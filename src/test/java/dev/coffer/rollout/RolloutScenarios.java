package dev.coffer.rollout;

import dev.coffer.kube.EventRecorder;
import dev.coffer.testsupport.LogCapture;
import dev.coffer.testsupport.MutableClock;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.coffer.testsupport.Await.await;
import static dev.coffer.testsupport.RolloutFixtures.createSecret;
import static dev.coffer.testsupport.RolloutFixtures.hashOf;
import static dev.coffer.testsupport.RolloutFixtures.restartEvents;
import static dev.coffer.testsupport.RolloutFixtures.setData;
import static dev.coffer.testsupport.RolloutFixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rollout restarts end to end, the {@link RolloutWatcher} against an API server: the CRUD mock
 * server ({@link RolloutWatcherTest}) and the real kube-apiserver (peers tier). The clock is the
 * test's: a test waits (Awaitility) only for the informers to deliver events, then moves the clock
 * past the debounce window and ticks.
 *
 * <p>Informer events of one kind arrive in order, so a change the test expects to count, made
 * after one it expects not to count, proves the first was seen and ignored.
 */
public abstract class RolloutScenarios {

    static final Duration WINDOW = Duration.ofSeconds(10);
    static final String CANARY = "canary-7f3e91-rollout-value";
    static final String AUTO = "{reloader.stakater.com/auto: \"true\"}";

    protected final MutableClock clock = new MutableClock();
    protected final AtomicBoolean leading = new AtomicBoolean(true);
    private final List<RolloutWatcher> watchers = new ArrayList<>();
    private LogCapture logs;

    protected abstract KubernetesClient client();

    /** A namespace no other test uses, existing on the server. */
    protected abstract String newNamespace();

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.start();
    }

    @AfterEach
    void stopWatchers() {
        watchers.forEach(RolloutWatcher::close);
        logs.close();
        assertThat(logs.lines()).as("no Secret value in any log line").noneMatch(l -> l.contains(CANARY));
    }

    protected RolloutWatcher watch(String... namespaces) {
        RolloutWatcher w = new RolloutWatcher(client(), new EventRecorder(client(), "coffer"),
                new RolloutSettings(List.of(namespaces), WINDOW), clock, leading::get);
        watchers.add(w);
        w.start();
        await().until(w::hasSynced);
        return w;
    }

    private void awaitPending(RolloutWatcher w, int n) {
        await().untilAsserted(() -> assertThat(w.pending()).isEqualTo(n));
    }

    /** Waits until {@code pending} workloads wait, then ends the window: {@code restarted} of them restart. */
    private void expectRestarts(RolloutWatcher w, int pending, int restarted) {
        awaitPending(w, pending);
        assertThat(afterWindow(w)).isEqualTo(restarted);
    }

    private int afterWindow(RolloutWatcher w) {
        clock.advance(WINDOW);
        return w.tick();
    }

    private void secrets(String ns, String... names) {
        for (String name : names) {
            createSecret(client(), ns, name, Map.of("password", "initial-" + name), null);
        }
    }

    /** Secrets db and tls, and Deployment web restarting for both (auto). */
    private void webIn(String ns) {
        secrets(ns, "db", "tls");
        create("Deployment", ns, "web", AUTO, "db", "tls");
    }

    private void create(String kind, String ns, String name, String annotations, String envSecret, String volumeSecret) {
        client().resource(workload(kind, ns, name, annotations, envSecret, volumeSecret)).create();
    }

    @Test
    void autoRestartsForAReferencedSecretWhenTheWindowEnds() {
        String ns = newNamespace();
        webIn(ns);
        create("Deployment", ns, "plain", "{}", "db", "tls");
        RolloutWatcher w = watch(ns);

        setData(client(), ns, "db", Map.of("password", CANARY));
        awaitPending(w, 1);
        assertThat(w.tick()).as("not before the window ends").isZero();
        assertThat(afterWindow(w)).isEqualTo(1);

        assertThat(hashOf(client(), Deployment.class, ns, "web")).matches("[0-9a-f]{64}");
        assertThat(hashOf(client(), Deployment.class, ns, "plain")).as("no Reloader annotation, no restart").isNull();
        List<Event> events = restartEvents(client(), ns, "web");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getMessage()).isEqualTo("Restarted: Secret db changed");
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("Deployment");
            assertThat(e.getType()).isEqualTo("Normal");
        });
        assertThat(events.toString()).doesNotContain(CANARY);
        assertThat(client().apps().deployments().inNamespace(ns).withName("web").get().toString()).doesNotContain(CANARY);
    }

    @Test
    void severalSecretsChangingInTheWindowGiveOneRollout() {
        String ns = newNamespace();
        webIn(ns);
        // Restarts for tls only: once it is pending, the db event before it has been handled too.
        create("Deployment", ns, "barrier", "{secret.reloader.stakater.com/reload: tls}", "db", "tls");
        RolloutWatcher w = watch(ns);

        setData(client(), ns, "db", Map.of("password", "rotated"));
        setData(client(), ns, "tls", Map.of("password", "rotated"));
        expectRestarts(w, 2, 2);
        assertThat(restartEvents(client(), ns, "web")).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("Restarted: Secrets db, tls changed"));
        assertThat(restartEvents(client(), ns, "barrier")).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("Restarted: Secret tls changed"));
        assertThat(afterWindow(w)).as("nothing left").isZero();
    }

    @Test
    void noDataChangeNoRolloutAndARestartedWatcherCatchesUp() {
        String ns = newNamespace();
        secrets(ns, "db", "tls", "marker");
        create("Deployment", ns, "web", AUTO, "db", "tls");
        create("Deployment", ns, "barrier", "{secret.reloader.stakater.com/reload: marker}", "db", "tls");
        RolloutWatcher w = watch(ns);

        // a label, and a write of the same data: neither is a change of data
        client().secrets().inNamespace(ns).withName("db").edit(s -> {
            s.getMetadata().setLabels(Map.of("touched", "yes"));
            return s;
        });
        setData(client(), ns, "db", Map.of("password", "initial-db"));
        setData(client(), ns, "marker", Map.of("password", "changed"));
        expectRestarts(w, 1, 1);
        assertThat(hashOf(client(), Deployment.class, ns, "web")).isNull();

        setData(client(), ns, "db", Map.of("password", "rotated"));
        expectRestarts(w, 1, 1);
        String hash = hashOf(client(), Deployment.class, ns, "web");
        assertThat(hash).isNotNull();

        // A second watcher (the operator restarted) checks the workloads carrying a hash (web and
        // barrier): equal, no rollout.
        w.close();
        RolloutWatcher again = watch(ns);
        expectRestarts(again, 2, 0);
        assertThat(hashOf(client(), Deployment.class, ns, "web")).isEqualTo(hash);
        assertThat(restartEvents(client(), ns, "web")).hasSize(1);

        // A change while no watcher runs is caught up at start.
        again.close();
        setData(client(), ns, "tls", Map.of("password", "rotated-while-away"));
        RolloutWatcher third = watch(ns);
        expectRestarts(third, 2, 1);
        assertThat(hashOf(client(), Deployment.class, ns, "web")).isNotEqualTo(hash);
        assertThat(restartEvents(client(), ns, "web")).extracting(Event::getMessage)
                .contains("Restarted: the Secrets it restarts for (db, tls) changed while Coffer was not watching");
    }

    @Test
    void reloadNamesSecretsAndSearchTakesOnlyMatchingOnes() {
        String ns = newNamespace();
        secrets(ns, "db", "other");
        createSecret(client(), ns, "tls", Map.of("password", "t"), Map.of("reloader.stakater.com/match", "true"));
        createSecret(client(), ns, "ignored", Map.of("password", "i"), Map.of("reloader.stakater.com/ignore", "true"));
        create("Deployment", ns, "named", "{secret.reloader.stakater.com/reload: other}", "db", "tls");
        create("Deployment", ns, "search", "{reloader.stakater.com/search: \"true\"}", "db", "tls");
        create("Deployment", ns, "ignoring", AUTO, "ignored", "ignored");
        RolloutWatcher w = watch(ns);

        setData(client(), ns, "ignored", Map.of("password", "changed"));
        setData(client(), ns, "db", Map.of("password", "changed"));
        setData(client(), ns, "other", Map.of("password", "changed"));
        setData(client(), ns, "tls", Map.of("password", "changed"));
        expectRestarts(w, 2, 2);
        assertThat(restartEvents(client(), ns, "named")).extracting(Event::getMessage)
                .containsExactly("Restarted: Secret other changed");
        assertThat(restartEvents(client(), ns, "search")).extracting(Event::getMessage)
                .containsExactly("Restarted: Secret tls changed");
        assertThat(hashOf(client(), Deployment.class, ns, "ignoring")).isNull();
    }

    @Test
    void statefulSetsAndDaemonSetsRestartToo() {
        String ns = newNamespace();
        secrets(ns, "db", "tls");
        create("StatefulSet", ns, "store", AUTO, "db", "tls");
        create("DaemonSet", ns, "agent", AUTO, "db", "tls");
        RolloutWatcher w = watch(ns);

        setData(client(), ns, "tls", Map.of("password", "rotated"));
        expectRestarts(w, 2, 2);
        assertThat(hashOf(client(), StatefulSet.class, ns, "store")).isNotNull();
        assertThat(hashOf(client(), DaemonSet.class, ns, "agent")).isNotNull();
        assertThat(restartEvents(client(), ns, "store")).singleElement()
                .satisfies(e -> assertThat(e.getInvolvedObject().getKind()).isEqualTo("StatefulSet"));
    }

    @Test
    void onlyTheConfiguredNamespacesAreWatched() {
        String watched = newNamespace();
        String other = newNamespace();
        for (String ns : List.of(watched, other)) {
            webIn(ns);
        }
        RolloutWatcher w = watch(watched);

        setData(client(), other, "db", Map.of("password", "rotated"));
        setData(client(), watched, "db", Map.of("password", "rotated"));
        expectRestarts(w, 1, 1);
        assertThat(hashOf(client(), Deployment.class, watched, "web")).isNotNull();
        assertThat(hashOf(client(), Deployment.class, other, "web")).isNull();
    }

    @Test
    void aStandbyKeepsWhatIsPendingAndActsOnceItLeads() {
        String ns = newNamespace();
        webIn(ns);
        leading.set(false);
        RolloutWatcher w = watch(ns);

        setData(client(), ns, "db", Map.of("password", "rotated"));
        expectRestarts(w, 1, 0);
        assertThat(hashOf(client(), Deployment.class, ns, "web")).isNull();
        assertThat(w.pending()).isEqualTo(1);

        leading.set(true);
        assertThat(w.tick()).isEqualTo(1);
        assertThat(hashOf(client(), Deployment.class, ns, "web")).isNotNull();
    }
}
