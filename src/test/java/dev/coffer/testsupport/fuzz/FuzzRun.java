package dev.coffer.testsupport.fuzz;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a fuzzer: {@link #inputs()} inputs (system property {@code coffer.fuzz.inputs}: 2,000 in
 * {@code ./mvnw verify}, 100,000 with {@code -Pfuzz}), each within a time limit, so a hang fails
 * the test naming the input instead of stalling the build.
 */
public final class FuzzRun {

    public static final long SEED = Long.getLong("coffer.fuzz.seed", 20261201L);
    private static final Duration PER_INPUT = Duration.ofSeconds(10);

    private FuzzRun() {
    }

    public static int inputs() {
        return Integer.getInteger("coffer.fuzz.inputs", 2000);
    }

    /** Runs {@code check.apply(i)} for every input number; the check asserts and must not throw anything else. */
    public static void run(String what, IntFunction<Runnable> check) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-" + what);
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < inputs(); i++) {
                Future<?> one = worker.submit(check.apply(i));
                try {
                    one.get(PER_INPUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException hang) {
                    one.cancel(true);
                    throw new AssertionError(what + ": input " + i + " (seed " + SEED + ") took longer than " + PER_INPUT);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof AssertionError a) {
                        throw new AssertionError(what + ": input " + i + " (seed " + SEED + "): " + a.getMessage(), a);
                    }
                    throw new AssertionError(what + ": input " + i + " (seed " + SEED + ") crashed with " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        } finally {
            worker.shutdownNow();
        }
    }

    /** A user-facing error: one line, no stack trace, no exception class name, and not the secret marker. */
    public static void assertOneLineError(String text, String secretMarker) {
        String t = text.strip();
        assertThat(t).as("error text").isNotEmpty().doesNotContain("\n").doesNotContain("\tat ")
                .doesNotContainPattern("\\b(java|javax|com|io|org|dev)\\.[a-z0-9]+\\.[A-Za-z0-9.$]*(Exception|Error)\\b");
        if (secretMarker != null) {
            assertThat(t).as("error text").doesNotContain(secretMarker);
        }
    }
}
