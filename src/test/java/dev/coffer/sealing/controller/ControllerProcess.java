package dev.coffer.sealing.controller;

import dev.coffer.metrics.SealingMetrics;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.keys.KeyRegistry;
import dev.coffer.sealing.keys.KeyRing;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.List;

/**
 * What one controller process holds, for tests that drive the real reconciler by hand: the keys,
 * fresh counters, and (once {@link #informerFeedsTheStore()}) the owned-Secret store fed by an
 * informer, as the operator's event source feeds it. A new one is a restart.
 */
final class ControllerProcess implements AutoCloseable {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final SealedSecretReconciler reconciler;
    private final KubernetesClient client;
    private SharedIndexInformer<Secret> informer;

    ControllerProcess(KubernetesClient client, SealingKey... held) {
        this.client = client;
        KeyRegistry keys = new KeyRegistry(meters);
        keys.replace(new KeyRing(List.of(held)));
        reconciler = new SealedSecretReconciler(keys, new UnsealedSecretWriter(client), new SealedSecretEvents(client),
                new SealingMetrics(meters));
    }

    /** Starts the informer on Secrets and waits for its first list. */
    ControllerProcess informerFeedsTheStore() {
        informer = client.secrets().inAnyNamespace().runnableInformer(0);
        informer.itemStore(reconciler.ownedSecrets());
        informer.start().toCompletableFuture().join();
        return this;
    }

    long rsaOperations() {
        return (long) meters.counter("coffer_sealing_rsa_operations_total").count();
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.stop();
        }
    }
}
