package dev.coffer.peers.kube;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.HybridCipher;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.SealedSecretSealer;
import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.controller.Fixtures;
import dev.coffer.sealing.keys.KeyGenerator;
import dev.coffer.sealing.keys.KeySecrets;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.OperatorJar;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unsealing as users see it: the packaged operator in its own JVM (full JIT, the chart's heap)
 * against the real kube-apiserver, N SealedSecrets of V RSA-4096 values created at once (as a
 * restore or a GitOps sync does), with 1 and with 3 keys held (values sealed with the oldest, the
 * worst case); then a restart with every Secret intact. Beside each batch, in this JVM: raw
 * RSA-4096 OAEP decrypts on every core, warm-up counted. Prints figures; asserts nothing about time.
 *
 * <p>Run (the jar first): {@code ./mvnw -B -o package -DskipTests && ./mvnw -B -q -o test -Pbenchmark
 * -Dtest=SealedSecretControllerBenchmark} [{@code -Dcoffer.bench.sealedSecrets=200 -Dcoffer.bench.values=5
 * -Dcoffer.bench.restartSealedSecrets=1000 -Dcoffer.bench.jfr=true}]; JFR recordings go to target/peers/.
 */
@Tag("benchmark")
class SealedSecretControllerBenchmark {

    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final int CORES = Runtime.getRuntime().availableProcessors();
    static final int RAW_PER_CORE = 60;
    static final Duration PATIENCE = Duration.ofMinutes(20);
    /** The API traffic counted per SealedSecret (its POST of sealedsecrets is the benchmark's own create). */
    static final String[] API_RESOURCES = {"secrets", "events", "sealedsecrets"};

    KubeApiServerPeer peer;
    KubernetesClient kube;
    ChartInstall.Installed release;

    @Test
    void unsealThroughputAndRestart() throws Exception {
        int n = Integer.getInteger("coffer.bench.sealedSecrets", 200);
        int v = Integer.getInteger("coffer.bench.values", 5);
        int restartTotal = Math.max(2 * n, Integer.getInteger("coffer.bench.restartSealedSecrets", 1000));
        peer = ChartInstall.peerForOperator();
        kube = peer.admin();
        release = ChartInstall.install(peer, "coffer", Map.of());

        List<SealingKey> keys = new ArrayList<>();
        for (int i = 3; i > 0; i--) {
            keys.add(KeyGenerator.generate(4096, KeyGenerator.DEFAULT_VALIDITY, Instant.now().minus(Duration.ofHours(i)),
                    new SecureRandom()));
        }
        SealingKey oldest = keys.get(0);
        List<String> report = new ArrayList<>();
        report.add(String.format("machine: %d cores, load average %.2f at start", CORES, loadAverage()));

        // 1 key: a fresh operator, a batch, a second one, then top the cluster up to the restart's count (unmeasured).
        kube.resource(KeySecrets.toSecret(oldest, ChartInstall.NAMESPACE)).create();
        try (OperatorJar op = start("bench-1key")) {
            awaitKeys(op, 1);
            report.add(batch(op, "bench-1key", oldest, n, v).describe("1 key "));
            // the same process again, its JIT warm from the first batch: a running operator that
            // receives a GitOps sync, where the first batch is a fresh one after a restore
            report.add(batch(op, "bench-1key-again", oldest, n, v).describe("1 key, a second batch in the same process"));
            int topUp = restartTotal - 2 * n;
            if (topUp > 0) {
                createAll(sealedBatch(oldest, "bench-restart", topUp, 1));
                awaitSettled(op, "bench-restart", topUp);
            }
        }

        // Restart with every Secret intact: how many RSA operations until every SealedSecret was reconciled.
        long t0 = System.nanoTime();
        ApiRequestCounts api0 = ApiRequestCounts.scrape(kube);
        try (OperatorJar op = start("bench-restart")) {
            Scrape done = awaitReconciled(op, restartTotal);
            report.add(String.format("restart, %d SealedSecrets with intact Secrets: %d RSA operations, %d Secret writes; "
                            + "all reconciled %.1f s after the JVM started, %.1f s of operator CPU (JVM start included); %s",
                    restartTotal, done.rsaOperations(), writesIn(op.log()), (System.nanoTime() - t0) / 1e9,
                    op.cpuTime().toMillis() / 1e3, ApiRequestCounts.scrape(kube).since(api0, API_RESOURCES).per(restartTotal, "SealedSecret")));
        }

        // 3 keys: the two newer ones are tried first on the first value of each SealedSecret.
        for (SealingKey newer : keys.subList(1, 3)) {
            kube.resource(KeySecrets.toSecret(newer, ChartInstall.NAMESPACE)).create();
        }
        try (OperatorJar op = start("bench-3keys")) {
            awaitKeys(op, 3);
            awaitReconciled(op, restartTotal);
            report.add(batch(op, "bench-3keys", oldest, n, v).describe("3 keys"));
        }
        report.add(String.format("load average %.2f at the end", loadAverage()));
        System.out.println();
        report.forEach(line -> System.out.println("SealedSecretControllerBenchmark: " + line));
    }

    private OperatorJar start(String identity) {
        List<String> jvm = new ArrayList<>(List.of("-Xmx384m"));
        if (Boolean.getBoolean("coffer.bench.jfr")) {
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + Path.of("target", "peers", "unseal-" + identity + ".jfr").toAbsolutePath());
        }
        try {
            return OperatorJar.start(identity, ChartInstall.NAMESPACE, release.kubeconfig(),
                    release.applicationProperties(), Map.of(), jvm);
        } catch (IllegalStateException exited) {
            // on a loaded machine an informer's first list can time out and end the process: once more
            System.err.println("benchmark: operator " + identity + " did not start, starting it again: "
                    + exited.getMessage().lines().findFirst().orElse(""));
            return OperatorJar.start(identity, ChartInstall.NAMESPACE, release.kubeconfig(),
                    release.applicationProperties(), Map.of(), jvm);
        }
    }

    /** Creates the batch at once (several clients' worth of parallel requests) and waits until it has settled. */
    private Batch batch(OperatorJar op, String ns, SealingKey key, int n, int v) throws Exception {
        List<SealedSecret> batch = sealedBatch(key, ns, n, v);
        Raw before = Raw.measure(key);
        Scrape start = Scrape.of(op);
        Duration cpu0 = op.cpuTime();
        ApiRequestCounts api0 = ApiRequestCounts.scrape(kube);
        createAll(batch);
        Scrape end = awaitSettled(op, ns, n);
        Duration cpu = op.cpuTime().minus(cpu0);
        ApiRequestCounts api = ApiRequestCounts.scrape(kube).since(api0, API_RESOURCES);
        Raw after = Raw.measure(key);
        List<Instant> unsealed = UnsealLog.writes(op.log(), ns);
        double wall = Duration.between(unsealed.get(0), unsealed.get(unsealed.size() - 1)).toNanos() / 1e9;
        return new Batch(n, v, wall, cpu, end.rsaOperations() - start.rsaOperations(),
                end.unsealRequests() - start.unsealRequests(), before, after, api);
    }

    private void createAll(List<SealedSecret> batch) throws Exception {
        peer.ensureNamespace(batch.get(0).getMetadata().getNamespace());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (SealedSecret s : batch) {
                created.add(pool.submit(() -> kube.resource(s).create()));
            }
            for (Future<?> f : created) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static List<SealedSecret> sealedBatch(SealingKey key, String ns, int n, int v) {
        List<SealedSecret> batch = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < v; i++) {
                values.put("key" + i, "value-" + s + "-" + i);
            }
            batch.add(Fixtures.sealed(key.publicKey(), ns, "sealed-" + s, Scope.STRICT, values));
        }
        return batch;
    }

    private static void awaitKeys(OperatorJar op, int count) {
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> Scrape.of(op).keys() == count);
    }

    /**
     * Every Secret of the namespace written, and no reconciliation for a second (the echoes of the
     * writes handled). Counted in the log, or in the cluster when the log misses some: a create that
     * timed out on the client yet was made is found by the retry and not written (nor logged) again.
     */
    private Scrape awaitSettled(OperatorJar op, String ns, int n) {
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> UnsealLog.writes(op.log(), ns).size() >= n || unsealedSecrets(ns) >= n);
        return quiet(op);
    }

    private long unsealedSecrets(String ns) {
        return kube.secrets().inNamespace(ns).list().getItems().stream()
                .filter(s -> s.getMetadata().getOwnerReferences() != null && s.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> SealedSecret.KIND.equals(o.getKind())))
                .count();
    }

    private static Scrape awaitReconciled(OperatorJar op, int n) {
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> Scrape.of(op).unsealRequests() >= n);
        return quiet(op);
    }

    private static Scrape quiet(OperatorJar op) {
        AtomicLong last = new AtomicLong(-1);
        Scrape[] seen = new Scrape[1];
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            seen[0] = Scrape.of(op);
            return seen[0].unsealRequests() == last.getAndSet(seen[0].unsealRequests());
        });
        return seen[0];
    }

    private static long writesIn(String log) {
        return UnsealLog.writes(log, null).size();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** One batch's figures; the raw rate is the mean of the measurements just before and just after. */
    record Batch(int sealedSecrets, int values, double wallSeconds, Duration cpu, long rsaOperations,
                 long reconciliations, Raw before, Raw after, ApiRequestCounts api) {

        String describe(String keys) {
            int total = sealedSecrets * values;
            double rate = total / wallSeconds;
            double cpuPerValue = cpu.toNanos() / 1e6 / total;
            double rawRate = (before.opsPerSecond() + after.opsPerSecond()) / 2;
            double rawCpu = (before.cpuMillisPerOp() + after.cpuMillisPerOp()) / 2;
            return String.format("%s, %d SealedSecrets x %d values: %.1f values/s first to last unseal, %.1f ms operator "
                            + "CPU per value, %.2f RSA ops per value | raw RSA-4096 OAEP on %d cores: %.1f ops/s "
                            + "(%.1f before, %.1f after), %.1f ms CPU per op | ratio to cores x raw rate %.2f, "
                            + "raw CPU / CPU per value %.2f | %.2f reconciliations and %s",
                    keys, sealedSecrets, values, rate, cpuPerValue, (double) rsaOperations / total, CORES, rawRate,
                    before.opsPerSecond(), after.opsPerSecond(), rawCpu, rate / rawRate, rawCpu / cpuPerValue,
                    (double) reconciliations / sealedSecrets, api.per(sealedSecrets, "SealedSecret"));
        }
    }

    /** Raw RSA-4096 OAEP decrypts of one session key, one thread per core, warm-up counted. */
    record Raw(double opsPerSecond, double cpuMillisPerOp) {

        static Raw measure(SealingKey key) throws Exception {
            byte[] label = "bench/raw".getBytes(StandardCharsets.UTF_8);
            HybridCipher.Parts parts = HybridCipher.split(Base64.getDecoder().decode(new SealedSecretSealer(
                    key.publicKey(), new SecureRandom()).sealValue(Scope.STRICT, "bench", "raw", new byte[16])));
            ExecutorService pool = Executors.newFixedThreadPool(CORES);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<Long>> cpu = new ArrayList<>();
                for (int t = 0; t < CORES; t++) {
                    cpu.add(pool.submit(() -> {
                        go.await();
                        long c0 = THREADS.getCurrentThreadCpuTime();
                        for (int i = 0; i < RAW_PER_CORE; i++) {
                            if (HybridCipher.openSessionKey(key.privateKey(), label, parts).isEmpty()) {
                                throw new SealingException("raw decrypt failed");
                            }
                        }
                        return THREADS.getCurrentThreadCpuTime() - c0;
                    }));
                }
                long t0 = System.nanoTime();
                go.countDown();
                long cpuNanos = 0;
                for (Future<Long> f : cpu) {
                    cpuNanos += f.get();
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                int ops = CORES * RAW_PER_CORE;
                return new Raw(ops / wall, cpuNanos / 1e6 / ops);
            } finally {
                pool.shutdown();
            }
        }
    }
}
