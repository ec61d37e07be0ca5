package dev.coffer.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tells a controller that one of its resources is gone, so that what it keeps in memory per
 * resource (clients, key hints, metric series) goes too, without a finalizer on resources
 * upstream gives none. JOSDK's own delete-event mode would do, but QOSDK 7.7.3 does not pass
 * {@code triggerReconcilerOnAllEvents} on to JOSDK. Watches the controller's namespaces and
 * keeps only metadata. It triggers no reconcile.
 */
public final class DeletionEventSource<R extends HasMetadata> extends AbstractEventSource<R, R> {

    private static final Logger LOG = Logger.getLogger(DeletionEventSource.class);

    private final KubernetesClient client;
    private final Set<String> namespaces;
    private final Consumer<R> onDelete;
    private final List<SharedIndexInformer<R>> informers = new ArrayList<>();

    public DeletionEventSource(Class<R> type, KubernetesClient client, ControllerConfiguration<R> controller,
                               Consumer<R> onDelete) {
        super(type, type.getSimpleName().toLowerCase() + "-deletions");
        this.client = client;
        this.namespaces = controller.getInformerConfig().getEffectiveNamespaces(controller);
        this.onDelete = onDelete;
    }

    @Override
    public void start() {
        if (InformerConfiguration.allNamespacesWatched(namespaces) || namespaces.isEmpty()) {
            informers.add(inform(client.resources(resourceType()).inAnyNamespace().runnableInformer(0)));
        } else {
            for (String ns : namespaces) {
                informers.add(inform(client.resources(resourceType()).inNamespace(ns).runnableInformer(0)));
            }
        }
        super.start();
    }

    private SharedIndexInformer<R> inform(SharedIndexInformer<R> informer) {
        informer.itemStore(new MetadataOnlyItemStore<>(resourceType()));
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(R resource) {
            }

            @Override
            public void onUpdate(R before, R after) {
            }

            @Override
            public void onDelete(R resource, boolean finalStateUnknown) {
                try {
                    onDelete.accept(resource);
                } catch (RuntimeException e) {
                    LOG.warnf("releasing what %s %s/%s held failed: %s", resourceType().getSimpleName(),
                            resource.getMetadata().getNamespace(), resource.getMetadata().getName(), e.getClass().getSimpleName());
                }
            }
        });
        informer.run();
        return informer;
    }

    /** It relates no resource to another: it only reports deletions. */
    @Override
    public Set<R> getSecondaryResources(R primary) {
        return Set.of();
    }

    @Override
    public void stop() {
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
        super.stop();
    }
}
