package dev.coffer.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;

import java.util.function.Function;

/**
 * Event sources started when a controller first needs them rather than when the operator starts.
 * A cluster-wide watch of every Secret costs a full listing at start and a copy of each Secret's
 * metadata for as long as it runs; an operator that only syncs ExternalSecrets should not pay that
 * for SealedSecrets or PushSecrets nobody created. The first reconcile that needs the source
 * registers it and waits, as JOSDK does for every informer, until its cache is filled.
 */
public final class LazyEventSources {

    private LazyEventSources() {
    }

    /** The controller's event source of that name, registered and started now if it is not yet. */
    public static <R, P extends HasMetadata, S extends EventSource<R, P>> S registered(
            Context<P> context, Class<R> type, String name, Function<EventSourceContext<P>, S> create) {
        EventSourceRetriever<P> retriever = context.eventSourceRetriever();
        // every reconcile asks: once registered, no lock
        S existing = find(retriever, type, name);
        if (existing != null) {
            return existing;
        }
        // one registration per controller: JOSDK refuses a second source of the same name
        synchronized (retriever) {
            existing = find(retriever, type, name);
            if (existing == null) {
                existing = create.apply(retriever.eventSourceContextForDynamicRegistration());
                retriever.dynamicallyRegisterEventSource(existing);
            }
            return existing;
        }
    }

    @SuppressWarnings("unchecked")
    private static <R, P extends HasMetadata, S extends EventSource<R, P>> S find(EventSourceRetriever<P> retriever,
                                                                               Class<R> type, String name) {
        for (EventSource<R, P> source : retriever.getEventSourcesFor(type)) {
            if (name.equals(source.name())) {
                return (S) source;
            }
        }
        return null;
    }
}
