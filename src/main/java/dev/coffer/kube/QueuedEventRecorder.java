package dev.coffer.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.jboss.logging.Logger;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records Events off the caller's thread, as client-go's event broadcaster does for upstream: a
 * reconciler's worker hands the Event over and goes on, one thread sends them in order. The queue
 * is bounded: while it is full (the API server slower than the Events come) further Events are
 * dropped and counted, never waited for. Each Event is built at hand-over, from the object as it
 * is then. The sending thread ends when idle, so an unused recorder holds no thread.
 */
public final class QueuedEventRecorder implements AutoCloseable {

    /** As client-go's broadcaster queue. */
    public static final int DEFAULT_CAPACITY = 1000;
    private static final Logger LOG = Logger.getLogger(QueuedEventRecorder.class);
    private static final long IDLE_SECONDS = 30;
    private static final long FLUSH_SECONDS = 2;

    private final EventRecorder recorder;
    private final ThreadPoolExecutor sender;
    private final AtomicLong dropped = new AtomicLong();
    private static final long NEVER = Long.MIN_VALUE;
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private final AtomicLong lastWarned = new AtomicLong(NEVER);

    public QueuedEventRecorder(KubernetesClient client, String component) {
        this(new EventRecorder(client, component), component, DEFAULT_CAPACITY);
    }

    QueuedEventRecorder(EventRecorder recorder, String component, int capacity) {
        this.recorder = recorder;
        this.sender = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS, new ArrayBlockingQueue<>(capacity),
                task -> {
                    Thread thread = new Thread(task, "events-" + component);
                    thread.setDaemon(true);
                    return thread;
                },
                (task, pool) -> {
                    long count = dropped.incrementAndGet();
                    long now = System.nanoTime();
                    long last = lastWarned.get();
                    // one line when drops start, then at most one a minute: a burst drops thousands
                    if ((last == NEVER || now - last >= WARN_EVERY_NANOS) && lastWarned.compareAndSet(last, now)) {
                        LOG.warnf("Kubernetes Events of %s are being dropped: the API server takes them slower than they"
                                + " come (%d dropped so far, metric coffer_events_dropped_total)", component, count);
                    } else {
                        LOG.debugf("event queue full or closed: %d events dropped so far", count);
                    }
                });
        sender.allowCoreThreadTimeOut(true);
    }

    public void record(HasMetadata involved, String type, String reason, String message) {
        Event event = recorder.event(involved, type, reason, message);
        sender.execute(() -> recorder.send(event));
    }

    /** Events not sent because the queue was full or the recorder closed. */
    public long dropped() {
        return dropped.get();
    }

    /** Sends what is queued, for a short while at most, then stops. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(FLUSH_SECONDS, TimeUnit.SECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
