package dev.coffer.sealing.keys;

import dev.coffer.sealing.SealingConfig;
import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.SealingKey;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Watches the labelled key Secrets in the operator's namespace and keeps the registry in step:
 * a key added, relabelled or removed takes effect without a restart.
 */
@ApplicationScoped
public class KeyWatcher {

    /** Before the operator starts its controllers (QOSDK starts at 3123). */
    static final int STARTUP_PRIORITY = 1000;
    private static final Logger LOG = Logger.getLogger(KeyWatcher.class);

    private final KubernetesClient client;
    private final KeyRegistry registry;
    private final SealingConfig config;
    private SharedIndexInformer<Secret> informer;

    public KeyWatcher(KubernetesClient client, KeyRegistry registry, SealingConfig config) {
        this.client = client;
        this.registry = registry;
        this.config = config;
    }

    void onStart(@Observes @Priority(STARTUP_PRIORITY) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        informer = client.secrets().inNamespace(config.namespace())
                .withLabel(KeySecrets.LABEL, KeySecrets.LABEL_VALUE)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Secret secret) {
                        reload();
                    }

                    @Override
                    public void onUpdate(Secret before, Secret after) {
                        reload();
                    }

                    @Override
                    public void onDelete(Secret secret, boolean deletedFinalStateUnknown) {
                        reload();
                    }
                });
        reload();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (informer != null) {
            informer.close();
        }
    }

    private synchronized void reload() {
        if (informer == null) {
            return;
        }
        List<SealingKey> keys = new ArrayList<>();
        for (Secret secret : informer.getStore().list()) {
            if (!KeySecrets.isKey(secret)) {
                continue;
            }
            try {
                keys.add(KeySecrets.read(secret));
            } catch (SealingException e) {
                LOG.warnf("ignoring key Secret: %s", e.getMessage());
            }
        }
        registry.replace(new KeyRing(keys));
    }
}
