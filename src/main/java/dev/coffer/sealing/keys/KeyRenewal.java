package dev.coffer.sealing.keys;

import dev.coffer.sealing.SealingConfig;
import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.SealingKey;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Generates keys: at start-up when there is none or the newest predates the cut-off, then every
 * renewal period after the newest key. A key is stored only as a Kubernetes Secret.
 */
@ApplicationScoped
public class KeyRenewal {

    private static final Logger LOG = Logger.getLogger(KeyRenewal.class);

    private final KubernetesClient client;
    private final KeyRegistry registry;
    private final SealingConfig config;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "coffer-key-renewal");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> next;

    public KeyRenewal(KubernetesClient client, KeyRegistry registry, SealingConfig config) {
        this.client = client;
        this.registry = registry;
        this.config = config;
    }

    void onStart(@Observes @Priority(KeyWatcher.STARTUP_PRIORITY + 1) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        if (RenewalPlan.keyNeededAtStartup(registry.ring(), config.keyCutoffTime())) {
            renew();
        }
        registry.onChange(ring -> schedule());
        schedule();
    }

    void onStop(@Observes ShutdownEvent event) {
        scheduler.shutdownNow();
    }

    /**
     * Generates a key, stores it as a key Secret, and holds it at once. Every replica runs this (it
     * is not leader-only): the Secret is named after the key it succeeds, so replicas that renew
     * together create one Secret, and those that lose the race hold the winner's key instead.
     */
    public synchronized SealingKey renew() {
        KeyRing ring = registry.ring();
        SealingKey key = KeyGenerator.generate(config.keyBits(), config.keyValidity(),
                RenewalPlan.notBeforeOfNewKey(ring, Instant.now()), new SecureRandom());
        String ns = config.namespace();
        Secret secret = KeySecrets.toSecret(key, ns);
        secret.getMetadata().setGenerateName(null);
        secret.getMetadata().setName(KeySecrets.successorName(ring));
        Secret created;
        try {
            created = client.secrets().inNamespace(ns).resource(secret).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            Optional<SealingKey> theirs = successorMadeElsewhere(ns, secret.getMetadata().getName());
            if (theirs.isPresent()) {
                LOG.infof("another replica generated sealing key %s in Secret %s/%s: holding it",
                        theirs.get().fingerprint(), ns, secret.getMetadata().getName());
                registry.add(theirs.get());
                return theirs.get();
            }
            // the name is taken by something that is not an active key: let the API server name it
            secret.getMetadata().setName(null);
            secret.getMetadata().setGenerateName(KeySecrets.GENERATE_NAME);
            created = client.secrets().inNamespace(ns).resource(secret).create();
        }
        LOG.infof("generated sealing key %s in Secret %s/%s", key.fingerprint(), ns, created.getMetadata().getName());
        registry.add(key);
        return key;
    }

    private Optional<SealingKey> successorMadeElsewhere(String ns, String name) {
        Secret existing = client.secrets().inNamespace(ns).withName(name).get();
        if (existing == null || !KeySecrets.isKey(existing)) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeySecrets.read(existing));
        } catch (SealingException e) {
            return Optional.empty();
        }
    }

    private synchronized void schedule() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        RenewalPlan.untilNextRenewal(registry.ring(), config.keyRenewPeriod(), Instant.now())
                .ifPresent(wait -> next = scheduler.schedule(this::renewSafely, wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void renewSafely() {
        try {
            renew();
        } catch (RuntimeException e) {
            LOG.errorf("key renewal failed, retrying in a minute: %s", e.getMessage());
            scheduler.schedule(this::renewSafely, Duration.ofMinutes(1).toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
