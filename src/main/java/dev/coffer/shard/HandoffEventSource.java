package dev.coffer.shard;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;

/**
 * When the membership changes, the resources this replica now owns and did not own before are
 * reconciled: their events were filtered out while another replica owned them. Resources it keeps
 * are left alone (no extra reconcile), and the ones it lost are simply no longer acted on.
 */
final class HandoffEventSource<P extends HasMetadata> extends SimpleInboundEventSource<P> {

    HandoffEventSource(Shards shards, IndexerResourceCache<P> primaries) {
        super("shard-handoff");
        shards.onChange((before, after) -> primaries.list()
                .filter(p -> gained(before, after, p))
                .forEach(p -> propagateEvent(ResourceID.fromResource(p))));
    }

    static boolean gained(ShardRing before, ShardRing after, HasMetadata resource) {
        String ns = resource.getMetadata().getNamespace();
        String name = resource.getMetadata().getName();
        return after.owns(ns, name) && !before.owns(ns, name);
    }
}
