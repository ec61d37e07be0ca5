package dev.coffer.shard;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;

import java.util.ArrayList;
import java.util.List;

/**
 * A controller's reconciler, reconciling only what this replica owns. Events for resources of
 * other replicas are filtered out before they are queued (see {@link Sharding}); this check at the
 * start of each reconcile catches the rest (a secondary resource's event, a scheduled retry, a
 * share that moved away since): a reconcile of a resource this replica does not own does nothing
 * and writes nothing. The handoff event source wakes the resources this replica gains.
 */
class ShardedReconciler<P extends HasMetadata> implements Reconciler<P> {

    private final Reconciler<P> delegate;
    final Shards shards;

    ShardedReconciler(Reconciler<P> delegate, Shards shards) {
        this.delegate = delegate;
        this.shards = shards;
    }

    /** A Cleaner stays a Cleaner (JOSDK decides by type whether a controller uses a finalizer). */
    static <P extends HasMetadata> Reconciler<P> of(Reconciler<P> reconciler, Shards shards) {
        if (reconciler instanceof Cleaner<?>) {
            @SuppressWarnings("unchecked")
            Cleaner<P> cleaner = (Cleaner<P>) reconciler;
            return new Cleaning<>(reconciler, cleaner, shards);
        }
        return new ShardedReconciler<>(reconciler, shards);
    }

    boolean owns(P resource) {
        return shards.current().owns(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    }

    @Override
    public UpdateControl<P> reconcile(P resource, Context<P> context) throws Exception {
        return owns(resource) ? delegate.reconcile(resource, context) : UpdateControl.noUpdate();
    }

    @Override
    public List<EventSource<?, P>> prepareEventSources(EventSourceContext<P> context) {
        List<EventSource<?, P>> sources = new ArrayList<>(delegate.prepareEventSources(context));
        sources.add(new HandoffEventSource<>(shards, context.getPrimaryCache()));
        return sources;
    }

    @Override
    public ErrorStatusUpdateControl<P> updateErrorStatus(P resource, Context<P> context, Exception e) {
        return owns(resource) ? delegate.updateErrorStatus(resource, context, e) : ErrorStatusUpdateControl.defaultErrorProcessing();
    }

    /** A reconciler that cleans up: the owner alone cleans up and removes the finalizer. */
    static final class Cleaning<P extends HasMetadata> extends ShardedReconciler<P> implements Cleaner<P> {

        private final Cleaner<P> cleaner;

        Cleaning(Reconciler<P> delegate, Cleaner<P> cleaner, Shards shards) {
            super(delegate, shards);
            this.cleaner = cleaner;
        }

        @Override
        public DeleteControl cleanup(P resource, Context<P> context) throws Exception {
            return owns(resource) ? cleaner.cleanup(resource, context) : DeleteControl.noFinalizerRemoval();
        }
    }
}
