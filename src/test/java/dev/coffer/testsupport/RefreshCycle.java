package dev.coffer.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * One refresh cycle of many ExternalSecrets for provider benchmarks: one fetch per ExternalSecret,
 * all released at once on a pool of reconcile workers, waited for to the last.
 */
public final class RefreshCycle {

    public static final int EXTERNAL_SECRETS = 1000;
    public static final int DISTINCT_KEYS = 100;
    public static final int WORKERS = 50;

    private RefreshCycle() {
    }

    /** Runs {@code fetch.apply(i)} for every ExternalSecret i, together, and returns the elapsed milliseconds. */
    public static long run(ExecutorService pool, IntFunction<Callable<?>> fetch) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < EXTERNAL_SECRETS; i++) {
            Callable<?> work = fetch.apply(i);
            done.add(pool.submit(() -> {
                go.await();
                return work.call();
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
