package dev.coffer.shard;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnAddFilter;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.quarkiverse.operatorsdk.runtime.QuarkusConfigurationService;
import io.quarkiverse.operatorsdk.runtime.QuarkusControllerConfiguration;

/**
 * A controller configuration with other add and update filters on its primary informer, and
 * otherwise the same. A QOSDK configuration must stay a QOSDK configuration: QOSDK's workflow
 * factory casts to it when the controller is registered, so JOSDK's overrider (which builds a
 * plain JOSDK configuration) would stop the operator from starting. It is copied field by field
 * instead, keeping its build-time workflow and its configuration service.
 */
final class InformerFilters {

    private InformerFilters() {
    }

    static <P extends HasMetadata> ControllerConfiguration<P> apply(ControllerConfiguration<P> config,
                                                                    OnAddFilter<P> add, OnUpdateFilter<P> update) {
        if (config instanceof QuarkusControllerConfiguration<P> quarkus) {
            InformerConfiguration<P> informer = InformerConfiguration.builder(quarkus.getInformerConfig())
                    .withOnAddFilter(add).withOnUpdateFilter(update).build();
            QuarkusControllerConfiguration<P> copy = new QuarkusControllerConfiguration<>(informer, quarkus.getName(),
                    quarkus.isGenerationAware(), quarkus.getAssociatedReconcilerClassName(), quarkus.getRetry(),
                    quarkus.getRateLimiter(), quarkus.maxReconciliationInterval().orElse(null), quarkus.getFinalizerName(),
                    quarkus.fieldManager(), quarkus.getWorkflow(), quarkus.getResourceTypeName(), quarkus.getResourceClass());
            copy.setParent((QuarkusConfigurationService) quarkus.getConfigurationService());
            return copy;
        }
        return ControllerConfigurationOverrider.override(config).withOnAddFilter(add).withOnUpdateFilter(update).build();
    }
}
