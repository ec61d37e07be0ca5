package dev.coffer.config;

import dev.coffer.kube.EventRecorder;
import dev.coffer.sealing.controller.SealedSecretEvents;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;

/**
 * How many Kubernetes Events the queued recorders dropped because the API server took them slower
 * than they came ({@code coffer_events_dropped_total{component}}): Events are sent off the
 * reconcile threads and never waited for, so a burst (10,000 new ExternalSecrets) can outrun the
 * queue of 1,000, as upstream's client-go broadcaster's can. Quarkus binds every MeterBinder bean.
 */
@Singleton
class EventMetrics implements MeterBinder {

    private static final String NAME = "coffer_events_dropped_total";
    private static final String DESCRIPTION = "Kubernetes Events dropped because the queue to the API server was full";

    private final EventRecorder events;
    private final SealedSecretEvents sealedSecretEvents;

    EventMetrics(EventRecorder events, SealedSecretEvents sealedSecretEvents) {
        this.events = events;
        this.sealedSecretEvents = sealedSecretEvents;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(NAME, events, EventRecorder::dropped).description(DESCRIPTION)
                .tag("component", "coffer").register(registry);
        FunctionCounter.builder(NAME, sealedSecretEvents, SealedSecretEvents::dropped).description(DESCRIPTION)
                .tag("component", "sealed-secrets-controller").register(registry);
    }
}
