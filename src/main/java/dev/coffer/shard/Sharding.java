package dev.coffer.shard;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnAddFilter;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;

/**
 * Registers a controller so that it reconciles only this replica's share. With sharding off the
 * controller is registered exactly as it is. With it on, the primary informer's add and update
 * events for resources of other replicas are dropped (deletions still pass, so JOSDK forgets what
 * it scheduled), and the reconciler is wrapped ({@link ShardedReconciler}). Every replica still
 * caches every resource, so a share that moves here is reconciled at once, from a warm cache.
 */
public final class Sharding {

    private final Shards shards;

    public Sharding(Shards shards) {
        this.shards = shards;
    }

    public <P extends HasMetadata> RegisteredController<P> register(Operator operator, Reconciler<P> reconciler,
                                                                    ControllerConfiguration<P> config) {
        if (!shards.enabled()) {
            return operator.register(reconciler, config);
        }
        return operator.register(ShardedReconciler.of(reconciler, shards), filtered(config));
    }

    /** This replica's rollout duties (leader-only work): the replica that owns a fixed key has them. */
    public boolean leadsRollouts() {
        return shards.current().owns(null, "coffer.dev/rollout-restarts");
    }

    <P extends HasMetadata> ControllerConfiguration<P> filtered(ControllerConfiguration<P> config) {
        OnAddFilter<? super P> add = config.getInformerConfig().getOnAddFilter();
        OnUpdateFilter<? super P> update = config.getInformerConfig().getOnUpdateFilter();
        return InformerFilters.apply(config, p -> owns(p) && (add == null || add.accept(p)),
                (now, old) -> owns(now) && (update == null || update.accept(now, old)));
    }

    private boolean owns(HasMetadata resource) {
        return shards.current().owns(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    }
}
