package dev.coffer.peers.kube;

import dev.coffer.api.externalsecrets.v1.Condition;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretStatus;
import dev.coffer.testsupport.TestResources;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.OperatorJar;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Issue #15's figures, with users' packaging: the packaged operator in its own JVM with the
 * chart's memory settings and client limits, against the real kube-apiserver.
 * <ol>
 *   <li>Baseline first, in the same run and against the same server, while no operator runs: a
 *   bare Fabric8 client with the chart's client limits and JOSDK's reconcile thread count writes
 *   N Secrets of 1 KB and N ExternalSecret status updates.</li>
 *   <li>RSS and live heap of the operator with 0 ExternalSecrets. Then N ExternalSecrets (one fake
 *   store, 100 keys of 1 KB) are created while no operator runs, as for the bare client, and the
 *   operator is started: the time until all are Ready, from the JVM's start and from the operator's
 *   readiness, and both ratios to the baseline. RSS and live heap with N.</li>
 *   <li>Restart with every Secret intact and fresh: time until ready, syncs (each one provider
 *   fetch) before the first refresh is due, then the largest number of syncs in any 10 s of the
 *   next refresh cycle.</li>
 * </ol>
 * Prints figures; asserts nothing about time or memory.
 *
 * <p>Run (the jar first): {@code ./mvnw -B -o package -DskipTests && ./mvnw -B -q -o test -Pbenchmark
 * -Dtest=ExternalSecretScaleBenchmark} [{@code -Dcoffer.bench.count=10000 -Dcoffer.bench.refresh=5m}].
 */
@Tag("benchmark")
class ExternalSecretScaleBenchmark {

    static final int KEYS = 100;
    static final int VALUE_BYTES = 1024;
    static final int CREATORS = 8;
    static final String[] API_RESOURCES = {"secrets", "events", "externalsecrets", "secretstores", "leases"};
    static final Duration PATIENCE = Duration.ofMinutes(60);
    /** The chart's container with its default values, as the image runs it. */
    static final ChartContainer CHART = ChartContainer.rendered(Map.of());
    /** More JVM options to measure ({@code -Dcoffer.bench.jvm="-XX:... -XX:..."}), after the chart's. */
    static final List<String> JVM = jvmOptions();

    KubeApiServerPeer peer;
    KubernetesClient kube;
    ChartInstall.Installed release;
    final List<String> report = new ArrayList<>();

    @AfterEach
    void print() {
        System.out.println();
        report.forEach(line -> System.out.println("ExternalSecretScaleBenchmark: " + line));
        if (kube != null) {
            kube.close();
        }
    }

    @Test
    void externalSecretsAgainstABareClient() throws Exception {
        int n = Integer.getInteger("coffer.bench.count", 1000);
        Duration refresh = Duration.parse("PT" + System.getProperty("coffer.bench.refresh", "5m").toUpperCase());
        peer = ChartInstall.peerForOperator();
        // the admin client with a longer request timeout: lists and deletes of 10,000 objects take longer than 10 s
        kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder(peer.admin().getConfiguration())
                .withRequestTimeout((int) Duration.ofMinutes(2).toMillis()).build()).build();
        release = ChartInstall.install(peer, "coffer", Map.of());
        report.add(String.format("machine: %d cores, %s; N=%d, %d keys of %d bytes, refreshInterval %s; the chart's container: %s;"
                        + " command line %s; reconcile threads %s; more environment: %s",
                Runtime.getRuntime().availableProcessors(), load(), n, KEYS, VALUE_BYTES, refresh, CHART, String.join(" ", JVM),
                System.getProperty("coffer.bench.threads", "the chart's"), System.getProperty("coffer.bench.env", "none")));

        double bare = bareClient(n);

        String ns = "scale-" + n;
        peer.ensureNamespace(ns);
        kube.resource(TestResources.fakeStore(ns, "fake", values())).create();
        try (OperatorJar op = start("scale-empty")) {
            report.add("0 ExternalSecrets: " + ProcessMemory.of(op.pid()).describe() + nativeMemory(op, 0));
        }
        // All N exist before the operator starts, as for the bare client: the timed part is the sync
        // work, not how fast this test can create objects (8 clients need about 19 s for 1,000 here).
        long c0 = System.nanoTime();
        createAll(n, i -> kube.resource(externalSecret(ns, i, refresh)).create());
        report.add(String.format("%d ExternalSecrets created in %.1f s (not timed)", n, (System.nanoTime() - c0) / 1e9));
        Instant firstSync;
        Instant lastSync;
        ApiRequestCounts api0 = ApiRequestCounts.scrape(kube);
        try (ReadyWatch watch = new ReadyWatch(kube, ns, n); OperatorJar op = start("scale-first")) {
            long t0 = watch.since(); // the watch has listed them, the operator's JVM starts
            long ready = System.nanoTime();
            long end = watch.await(PATIENCE);
            double coffer = (end - t0) / 1e9;
            double afterReady = (end - ready) / 1e9;
            report.add(String.format("%d ExternalSecrets to Ready: Coffer %.1f s from the JVM's start (ready after %.1f s),"
                            + " %.1f s from ready; bare client %.1f s; ratio %.2f from the start, %.2f from ready"
                            + " (target <= 1.5); %s", n, coffer, (ready - t0) / 1e9, afterReady, bare, coffer / bare,
                    afterReady / bare, load()));
            report.add(String.format("until all were Ready: operator CPU %.1f s (from the JVM's start, on %d cores);"
                    + " the API server counted %s (the informers' lists and the benchmark's watch included)",
                    op.cpuTime().toMillis() / 1e3, Runtime.getRuntime().availableProcessors(),
                    ApiRequestCounts.scrape(kube).since(api0, API_RESOURCES).per(n, "ExternalSecret")));
            report.add(String.format("%d ExternalSecrets: %s; %d syncs%s", n, ProcessMemory.of(op.pid()).describe(),
                    SyncTimeline.syncs(op), nativeMemory(op, n)));
            List<Instant> refreshTimes = refreshTimes(ns);
            firstSync = refreshTimes.get(0);
            lastSync = refreshTimes.get(refreshTimes.size() - 1);
        }

        if (!Boolean.parseBoolean(System.getProperty("coffer.bench.restart", "true"))) {
            report.add("restart not measured (-Dcoffer.bench.restart=false)");
            return;
        }
        long t1 = System.nanoTime();
        try (OperatorJar op = start("scale-restart")) {
            double ready = (System.nanoTime() - t1) / 1e9;
            Instant due = firstSync.plus(refresh);
            SyncTimeline timeline = SyncTimeline.record(op, due, lastSync.plus(refresh).plus(refresh.dividedBy(10))
                    .plusSeconds(30), n);
            report.add(String.format("restart with %d intact, fresh Secrets: ready %.1f s after the JVM started; %d syncs"
                            + " (provider fetches) before the first refresh was due; %s", n, ready,
                    timeline.before(due), ProcessMemory.of(op.pid()).describe()));
            report.add(String.format("next refresh cycle: %d syncs over %.0f s, at most %d in any 10 s"
                            + " (the initial syncs took %.0f s; jitter adds up to %d s)", timeline.after(due),
                    timeline.spreadSeconds(due), timeline.maxIn(Duration.ofSeconds(10), due),
                    Duration.between(firstSync, lastSync).toMillis() / 1e3, refresh.dividedBy(10).toSeconds()));
        }
        report.add("at the end: " + load());
    }

    /** N Secrets and N status updates, as the operator writes them, with its client limits and thread count. */
    private double bareClient(int n) throws Exception {
        String ns = "scale-bare-" + n;
        peer.ensureNamespace(ns);
        createAll(n, i -> kube.resource(externalSecret(ns, i, Duration.ofHours(1))).create()); // not timed
        Config config = Config.fromKubeconfig(Files.readString(release.kubeconfig()));
        int maxRequests = CHART.intEnv("KUBERNETES_MAX_CONCURRENT_REQUESTS");
        int maxRequestsPerHost = CHART.intEnv("KUBERNETES_MAX_CONCURRENT_REQUESTS_PER_HOST");
        config.setMaxConcurrentRequests(maxRequests);
        config.setMaxConcurrentRequestsPerHost(maxRequestsPerHost);
        config.setRequestRetryBackoffLimit(10);
        byte[] value = values().get("key-0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int threads = ConfigurationService.DEFAULT_RECONCILIATION_THREADS_NUMBER;
        double seconds;
        try (KubernetesClient bare = new KubernetesClientBuilder().withConfig(config).build()) {
            long t0 = System.nanoTime();
            run(n, threads, i -> {
                try {
                    bare.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("es-" + i)
                            .withNamespace(ns).addToLabels("reconcile.external-secrets.io/managed", "true").endMetadata()
                            .addToData("value", Base64.getEncoder().encodeToString(value)).build()).create();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) { // 409: the client's own retry of a create that timed out had made it
                        throw e;
                    }
                }
                ExternalSecret es = bare.resources(ExternalSecret.class).inNamespace(ns).withName("es-" + i).get();
                es.setStatus(readyStatus());
                bare.resources(ExternalSecret.class).inNamespace(ns).resource(es).patchStatus();
            });
            seconds = (System.nanoTime() - t0) / 1e9;
        }
        report.add(String.format("bare client, %d threads, maxConcurrentRequests %d/%d per host: %d Secrets + %d status"
                + " updates in %.1f s", threads, maxRequests, maxRequestsPerHost, n, n, seconds));
        // The operator must not work on these. Deleting the namespace is not enough: the peer runs no
        // namespace controller, so a deleted namespace keeps its objects (Terminating) for good, and the
        // operator retried these ExternalSecrets (no store) through the whole run and after the restart.
        // A collection delete of 10,000 outlasts the client's request timeout (the server goes on): ask
        // again until both are gone.
        ListOptions one = new ListOptionsBuilder().withLimit(1L).build();
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
            var externalSecrets = kube.resources(ExternalSecret.class).inNamespace(ns);
            var secrets = kube.secrets().inNamespace(ns).withLabel("reconcile.external-secrets.io/managed", "true");
            boolean gone = externalSecrets.list(one).getItems().isEmpty() && secrets.list(one).getItems().isEmpty();
            if (!gone) {
                externalSecrets.delete();
                secrets.delete();
            }
            return gone;
        });
        return seconds;
    }

    private OperatorJar start(String identity) {
        Map<String, String> env = new LinkedHashMap<>(CHART.env());
        // more environment to measure with, e.g. -Dcoffer.bench.env=MALLOC_ARENA_MAX=2
        for (String pair : System.getProperty("coffer.bench.env", "").split(",")) {
            if (pair.contains("=")) {
                env.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
            }
        }
        Map<String, String> overrides = new LinkedHashMap<>(Map.of("coffer.sealing.key-bits", "2048"));
        String threads = System.getProperty("coffer.bench.threads", "");
        if (!threads.isBlank()) {
            overrides.put("quarkus.operator-sdk.concurrent-reconciliation-threads", threads);
        }
        try {
            return OperatorJar.start(identity, ChartInstall.NAMESPACE, release.kubeconfig(), release.applicationProperties(),
                    overrides, JVM, env);
        } catch (IllegalStateException exited) {
            // on a loaded machine an informer's first list can time out and end the process: once more
            System.err.println("benchmark: operator " + identity + " did not start, starting it again: "
                    + exited.getMessage().lines().findFirst().orElse(""));
            return OperatorJar.start(identity, ChartInstall.NAMESPACE, release.kubeconfig(), release.applicationProperties(),
                    overrides, JVM, env);
        }
    }

    private static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of(CHART.maxRam()));
        String more = System.getProperty("coffer.bench.jvm", "").trim();
        if (!more.isEmpty()) {
            options.addAll(List.of(more.split("\\s+")));
        }
        return options;
    }

    /**
     * The JVM's own account of its memory, when the options turned it on (-XX:NativeMemoryTracking=summary),
     * and the heap's largest classes with -Dcoffer.bench.histogram=true.
     */
    private static String nativeMemory(OperatorJar op, int count) {
        String nmt = JVM.stream().anyMatch(o -> o.startsWith("-XX:NativeMemoryTracking"))
                ? "\n" + ProcessMemory.nativeSummary(op.pid()) : "";
        return Boolean.getBoolean("coffer.bench.histogram") ? nmt + "\n" + ProcessMemory.histogram(op.pid(), 25,
                Path.of("target", "benchmark", "histogram-" + count + ".txt")) : nmt;
    }

    /** Creates them from several clients; a create that timed out on the loaded machine is tried again. */
    private void createAll(int n, IntConsumer create) throws Exception {
        run(n, CREATORS, i -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    create.accept(i);
                    return;
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 409) {
                        return; // the timed-out attempt had created it
                    }
                    if (attempt == 5) {
                        throw e;
                    }
                }
            }
        });
    }

    private static void run(int n, int threads, IntConsumer each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                done.add(pool.submit(() -> each.accept(index)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private List<Instant> refreshTimes(String ns) {
        return kube.resources(ExternalSecret.class).inNamespace(ns).list().getItems().stream()
                .map(es -> OffsetDateTime.parse(es.getStatus().refreshTime).toInstant()).sorted().toList();
    }

    private static boolean isReady(ExternalSecret es) {
        return es.getStatus() != null && es.getStatus().conditions != null && es.getStatus().conditions.stream()
                .anyMatch(c -> "Ready".equals(c.type) && "True".equals(c.status));
    }

    private static ExternalSecretStatus readyStatus() {
        ExternalSecretStatus status = new ExternalSecretStatus();
        Condition ready = new Condition();
        ready.type = "Ready";
        ready.status = "True";
        ready.reason = "SecretSynced";
        ready.message = "secret synced";
        ready.lastTransitionTime = Instant.now().toString();
        status.conditions = List.of(ready);
        status.refreshTime = ready.lastTransitionTime;
        status.syncedResourceVersion = "1-0";
        return status;
    }

    private static ExternalSecret externalSecret(String ns, int i, Duration refresh) {
        return TestResources.externalSecret("""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: es-%d, namespace: %s}
                spec:
                  refreshInterval: %ds
                  secretStoreRef: {name: fake}
                  data:
                  - secretKey: value
                    remoteRef: {key: key-%d}
                """.formatted(i, ns, refresh.toSeconds(), i % KEYS));
    }

    /** 100 keys, each a distinct value of 1 KB. */
    private static Map<String, String> values() {
        Map<String, String> data = new LinkedHashMap<>();
        for (int k = 0; k < KEYS; k++) {
            String head = "value-" + k + "-";
            data.put("key-" + k, head + "x".repeat(VALUE_BYTES - head.length()));
        }
        return data;
    }

    static String load() {
        try {
            String[] avg = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load average " + avg[0] + " " + avg[1] + " " + avg[2];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
