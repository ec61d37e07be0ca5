package dev.coffer.fanout;

import dev.coffer.kube.MetadataOnlyItemStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What wakes a cluster-wide owner: any Namespace changing (a new namespace, new labels, one
 * starting to terminate) wakes every owner, and a child it controls changing or being deleted
 * wakes that owner (so a deleted child is stamped again).
 */
final class FanoutEventSources {

    private static final String NAMESPACES = "namespaces";
    private static final String CHILDREN = "children";

    private FanoutEventSources() {
    }

    static <P extends HasMetadata, C extends HasMetadata> List<EventSource<?, P>> create(EventSourceContext<P> context, Class<C> child) {
        String ownerKind = HasMetadata.getKind(context.getPrimaryResourceClass());
        var namespaces = new InformerEventSource<>(InformerEventSourceConfiguration.from(Namespace.class, context.getPrimaryResourceClass())
                .withName(NAMESPACES)
                .withSecondaryToPrimaryMapper(ns -> context.getPrimaryCache().list().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build(), context);
        var children = new InformerEventSource<>(InformerEventSourceConfiguration.from(child, context.getPrimaryResourceClass())
                .withName(CHILDREN)
                .withSecondaryToPrimaryMapper(c -> owners(c, ownerKind))
                // only the cleanup pass reads it, for names and owners: every ExternalSecret of the
                // cluster passes through this watch, so no spec or status is kept
                .withItemStore(new MetadataOnlyItemStore<>(child))
                .build(), context);
        return List.of(namespaces, children);
    }

    private static Set<ResourceID> owners(HasMetadata child, String ownerKind) {
        List<OwnerReference> refs = child.getMetadata().getOwnerReferences();
        return refs == null ? Set.of() : refs.stream().filter(r -> ownerKind.equals(r.getKind()) && Boolean.TRUE.equals(r.getController()))
                .map(r -> new ResourceID(r.getName())).collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    static List<Namespace> namespaces(Context<?> context) {
        var cache = (InformerEventSource<Namespace, ?>) context.eventSourceRetriever().getEventSourceFor(Namespace.class, NAMESPACES);
        return cache.list().toList();
    }

    @SuppressWarnings("unchecked")
    static <C extends HasMetadata> List<C> owned(Context<?> context, Class<C> child, HasMetadata owner) {
        var cache = (InformerEventSource<C, ?>) context.eventSourceRetriever().getEventSourceFor(child, CHILDREN);
        return cache.list(c -> Fanout.controlledBy(c, owner)).toList();
    }
}
