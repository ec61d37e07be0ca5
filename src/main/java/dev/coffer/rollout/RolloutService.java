package dev.coffer.rollout;

import dev.coffer.config.Leadership;
import dev.coffer.kube.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs rollout restarts in the operator when {@code coffer.rollouts.enabled} is true: starts the
 * {@link RolloutWatcher} and ticks it a few times a second (the debounce window, not the tick,
 * decides when a workload restarts).
 */
@ApplicationScoped
public class RolloutService {

    private static final Logger LOG = Logger.getLogger(RolloutService.class);
    private static final Duration TICK = Duration.ofMillis(250);

    private final KubernetesClient client;
    private final EventRecorder events;
    private final Leadership leadership;
    private final boolean enabled;
    private final RolloutSettings settings;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "coffer-rollouts");
        t.setDaemon(true);
        return t;
    });
    private volatile RolloutWatcher watcher;

    public RolloutService(KubernetesClient client, EventRecorder events, Leadership leadership,
                          @ConfigProperty(name = "coffer.rollouts.enabled", defaultValue = "false") boolean enabled,
                          @ConfigProperty(name = "coffer.rollouts.namespaces") Optional<List<String>> namespaces,
                          @ConfigProperty(name = "coffer.rollouts.debounce", defaultValue = "5s") Duration debounce) {
        this.client = client;
        this.events = events;
        this.leadership = leadership;
        this.enabled = enabled;
        this.settings = new RolloutSettings(namespaces.orElse(List.of()).stream().map(String::trim)
                .filter(s -> !s.isEmpty()).toList(), debounce);
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.debug("rollout restarts are off (coffer.rollouts.enabled=false)");
            return;
        }
        watcher = new RolloutWatcher(client, events, settings, Clock.systemUTC(), leadership::leading);
        watcher.start();
        scheduler.scheduleWithFixedDelay(this::tickSafely, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tickSafely() {
        try {
            watcher.tick();
        } catch (RuntimeException e) {
            LOG.warnf("rollout restarts: %s", e.getClass().getSimpleName());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        scheduler.shutdownNow();
        if (watcher != null) {
            watcher.close();
        }
    }

    /** The running watcher, or null when rollout restarts are off. */
    public RolloutWatcher watcher() {
        return watcher;
    }
}
