package dev.coffer.shard;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;

import java.util.Set;

/**
 * When the membership changes, the resources this replica now owns and did not own before are
 * reconciled: their events were filtered out while another replica owned them. Resources it keeps
 * are left alone (no extra reconcile), and the ones it lost are simply no longer acted on.
 *
 * <p>The events are resource events, as if the informer had just delivered the resource: JOSDK
 * drops a plain event for a resource it holds no state for, which is every resource whose events
 * were filtered out.
 */
final class HandoffEventSource<P extends HasMetadata> extends AbstractEventSource<Void, P> {

    HandoffEventSource(Shards shards, IndexerResourceCache<P> primaries) {
        super(Void.class, "shard-handoff");
        shards.onChange((before, after) -> primaries.list()
                .filter(p -> gained(before, after, p))
                .forEach(this::propagate));
    }

    private void propagate(P resource) {
        if (isRunning()) {
            getEventHandler().handleEvent(new ResourceEvent(ResourceAction.UPDATED, ResourceID.fromResource(resource), resource));
        }
    }

    static boolean gained(ShardRing before, ShardRing after, HasMetadata resource) {
        String ns = resource.getMetadata().getNamespace();
        String name = resource.getMetadata().getName();
        return after.owns(ns, name) && !before.owns(ns, name);
    }

    @Override
    public Set<Void> getSecondaryResources(P primary) {
        return Set.of();
    }
}
