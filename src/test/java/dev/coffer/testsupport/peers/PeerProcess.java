package dev.coffer.testsupport.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A real program started by a test: its output goes to a log file; {@link #awaitReady} polls a
 * readiness check and fails at once, with the log's last lines, when the program exits instead;
 * {@link #stop} ends it and every process it started (TERM first, KILL after a grace period). A
 * JVM shutdown hook stops it too, so an interrupted test run leaves no process behind.
 */
public final class PeerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread hook;

    private PeerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.hook = new Thread(this::destroyTree, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts {@code command} in {@code workDir} with extra environment, logging to {@code workDir/<name>.log}. */
    public static PeerProcess start(String name, List<String> command, Path workDir, Map<String, String> env) {
        Path log = workDir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        try {
            return new PeerProcess(name, pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command.get(0), e);
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
            org.awaitility.Awaitility.await(name + " ready").atMost(atMost).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> !process.isAlive() || ready.call());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            stop(Duration.ofSeconds(5));
            throw new IllegalStateException(name + " was not ready within " + atMost + "; last lines of " + log + ":\n"
                    + tail(30), e);
        }
        if (!process.isAlive()) {
            stop(Duration.ofSeconds(1));
            assertAlive();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** The last lines of the log, to explain a failed start. */
    public String tail(int lines) {
        return tail(log, lines);
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Fails with the log's tail when the program has exited. */
    public void assertAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; last lines of " + log
                    + ":\n" + tail(30));
        }
    }

    /** TERM to the program and its children, KILL after {@code grace}; returns once all are gone. */
    public void stop(Duration grace) {
        List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception timeoutOrInterrupt) {
                p.destroyForcibly();
            }
        }
        for (ProcessHandle p : tree) {
            p.onExit().join();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // already running the hooks: nothing to remove
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    private void destroyTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** A port free on the loopback address right now. */
    public static int freePort() {
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

    /** Deletes a folder tree, best effort (used for the temp folders of peers). */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
