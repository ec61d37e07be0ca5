package dev.coffer.testsupport.peers;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A long-running peer program (a server) started by a test harness. Its output goes to a log
 * file in the harness's folder; {@link #awaitReady} polls a readiness check and fails at once,
 * with the log's last lines, when the program exits instead. {@link #stop} asks the program
 * and everything it started to end (TERM), kills what is left after a grace period, and waits
 * until all are gone. A JVM shutdown hook does the same if a test run is cut short, so no
 * process outlives the tests.
 */
public final class PeerDaemon implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread hook;

    private PeerDaemon(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.hook = new Thread(this::kill, "stop-peer-" + name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts {@code command} in {@code dir} with the extra environment; output goes to {@code dir/<name>.log}. */
    public static PeerDaemon start(String name, List<String> command, Path dir, Map<String, String> env) {
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        try {
            return new PeerDaemon(name, pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
        }
    }

    /** Runs a short command to its end (setup steps such as initdb); fails with its output when it fails. */
    public static void run(String name, List<String> command, Path dir, Duration timeout) {
        Path out = dir.resolve(name + ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException(name + " did not finish within " + timeout + ":\n" + tail(out, 20));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(name + " failed with exit code " + p.exitValue() + ":\n" + tail(out, 20));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + name + " (" + command.get(0) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + name, e);
        }
    }

    /** Polls {@code ready} until it answers true; fails with the log's tail if the program exits first. */
    public void awaitReady(Duration atMost, Callable<Boolean> ready) {
        try {
            Awaitility.await(name + " ready").atMost(atMost).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> {
                        if (!process.isAlive()) {
                            return true; // reported below, with the log
                        }
                        return ready.call();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            stop(Duration.ofSeconds(5));
            throw new IllegalStateException(name + " was not ready within " + atMost + "; last lines of " + log + ":\n"
                    + tail(log, 30), e);
        }
        if (!process.isAlive()) {
            stop(Duration.ofSeconds(1));
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + " while starting; last lines of "
                    + log + ":\n" + tail(log, 30));
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** TERM to the program and its descendants, KILL to what is left after {@code grace}; returns when all are gone. */
    public void stop(Duration grace) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(0, process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                p.destroyForcibly();
            }
        }
        all.forEach(p -> p.onExit().join());
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hooks are running already
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(15));
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** A TCP port free on the loopback address at this moment. */
    public static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new private folder under the system's temp folder, for one peer's data and log. */
    public static Path tempFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a harness's temporary folder (best effort: a leftover temp folder harms nothing). */
    public static void deleteFolder(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // left behind in the temp folder
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
