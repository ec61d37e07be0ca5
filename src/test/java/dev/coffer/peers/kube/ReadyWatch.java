package dev.coffer.peers.kube;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The moment the last of N ExternalSecrets turned Ready, as a watch sees it. Polling a list
 * instead put up to one poll interval (2 s) and a list of every ExternalSecret on Coffer's side
 * of the ratio, where the bare client is timed to the end of its last request.
 */
final class ReadyWatch implements AutoCloseable {

    private final SharedIndexInformer<ExternalSecret> informer;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Long> allReady = new CompletableFuture<>();
    private final int n;
    private final long since;

    ReadyWatch(KubernetesClient kube, String namespace, int n) {
        this.n = n;
        informer = kube.resources(ExternalSecret.class).inNamespace(namespace).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ExternalSecret es) {
                seen(es);
            }

            @Override
            public void onUpdate(ExternalSecret before, ExternalSecret after) {
                seen(after);
            }

            @Override
            public void onDelete(ExternalSecret es, boolean unknown) {
                ready.remove(es.getMetadata().getName());
            }
        });
        informer.start().toCompletableFuture().join();
        since = System.nanoTime();
    }

    /** {@link System#nanoTime()} when the watch had listed them all. */
    long since() {
        return since;
    }

    private void seen(ExternalSecret es) {
        if (es.getStatus() != null && es.getStatus().conditions != null && es.getStatus().conditions.stream()
                .anyMatch(c -> "Ready".equals(c.type) && "True".equals(c.status))) {
            ready.add(es.getMetadata().getName());
            if (ready.size() >= n) {
                allReady.complete(System.nanoTime());
            }
        } else {
            ready.remove(es.getMetadata().getName());
        }
    }

    /** {@link System#nanoTime()} when all were Ready. */
    long await(Duration patience) throws Exception {
        return allReady.get(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        informer.close();
    }
}
