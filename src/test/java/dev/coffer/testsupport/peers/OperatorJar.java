package dev.coffer.testsupport.peers;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coffer as users run it: the packaged {@code target/quarkus-app/quarkus-run.jar operator} in
 * its own JVM, pointed at a cluster by {@code KUBECONFIG}, configured by a
 * {@code config/application.properties} in its working folder (what the chart's ConfigMap mounts),
 * with the environment the chart's Deployment sets. Its HTTP port is a free loopback port.
 */
public final class OperatorJar implements AutoCloseable {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final String identity;
    private final Path dir;
    private final PeerProcess process;
    private final int port;

    private OperatorJar(String identity, Path dir, PeerProcess process, int port) {
        this.identity = identity;
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** Skips the calling test when the jar was not packaged (it is, in {@code ./mvnw verify}). */
    public static Path require() {
        if (!Files.isRegularFile(JAR)) {
            Assumptions.abort("peers: skipped, " + JAR + " is not built; run ./mvnw -B verify (package comes first)");
        }
        return JAR.toAbsolutePath();
    }

    /**
     * Starts the operator and waits until it is ready (informers synced).
     *
     * @param identity        the pod name it believes it has (POD_NAME, the Lease holder identity)
     * @param namespace       its own namespace (POD_NAMESPACE): sealing keys and the Lease live there
     * @param kubeconfig      the credentials it runs with
     * @param applicationProperties the chart ConfigMap's {@code application.properties}
     * @param overrides       settings added after it (test timing), as more lines of the same file
     */
    public static OperatorJar start(String identity, String namespace, Path kubeconfig, String applicationProperties,
                                    Map<String, String> overrides) {
        // C1 only and a small heap: a quicker start for tests of behaviour on a shared machine
        return start(identity, namespace, kubeconfig, applicationProperties, overrides,
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
    }

    /**
     * As {@link #start(String, String, Path, String, Map)}, with the given JVM options instead of the
     * test defaults: a benchmark runs the JVM as the chart's container does (full JIT, its heap).
     */
    public static OperatorJar start(String identity, String namespace, Path kubeconfig, String applicationProperties,
                                    Map<String, String> overrides, List<String> jvmOptions) {
        return start(identity, namespace, kubeconfig, applicationProperties, overrides, jvmOptions, Map.of());
    }

    /** As above, with more environment variables (for example the client limits the chart's Deployment sets). */
    public static OperatorJar start(String identity, String namespace, Path kubeconfig, String applicationProperties,
                                    Map<String, String> overrides, List<String> jvmOptions, Map<String, String> extraEnv) {
        Path jar = require();
        Path dir;
        try {
            dir = Files.createTempDirectory("coffer-operator-" + identity + "-");
            Files.createDirectories(dir.resolve("config"));
            StringBuilder props = new StringBuilder(applicationProperties).append('\n');
            overrides.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
            Files.writeString(dir.resolve("config/application.properties"), props);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = PeerProcess.freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
        env.put("POD_NAME", identity);
        env.put("POD_NAMESPACE", namespace);
        env.put("COFFER_LEADER_ELECTION_IDENTITY", identity);
        // loopback only: the chart's container listens on every address of its pod
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.putAll(extraEnv);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "operator"));
        PeerProcess process = PeerProcess.start("operator-" + identity, command, dir, env);
        OperatorJar op = new OperatorJar(identity, dir, process, port);
        op.awaitReady(Duration.ofSeconds(180));
        return op;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                process.assertAlive();
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notListening) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("operator " + identity + " not ready within " + timeout.toSeconds()
                    + " s; last lines of its log:\n" + process.tail(40));
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String identity() {
        return identity;
    }

    /** CPU time the operator's process has used so far (user + system, all its threads). */
    public Duration cpuTime() {
        return ProcessHandle.of(process.pid()).flatMap(p -> p.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("no CPU time for " + process));
    }

    /** The operator JVM's process id (for /proc and jcmd). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the operator logged so far. */
    public String log() {
        try {
            return Files.readString(process.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM (graceful shutdown, as Kubernetes stops a pod), KILL after 30 s. */
    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }

    /** Stops it, keeps its log as {@code target/peers/operator-IDENTITY.log} for a failed run, removes its folder. */
    @Override
    public void close() {
        stop();
        try {
            Path kept = Path.of("target", "peers", "operator-" + identity + ".log");
            Files.createDirectories(kept.getParent());
            Files.copy(process.log(), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // the log is a debugging aid only
        }
        PeerProcess.deleteTree(dir);
    }

    @Override
    public String toString() {
        return "operator " + identity + " (" + process + ", log " + process.log() + ")";
    }
}
