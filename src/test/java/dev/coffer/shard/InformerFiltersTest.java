package dev.coffer.shard;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.processing.dependent.workflow.ManagedWorkflowFactory;
import io.javaoperatorsdk.operator.processing.event.rate.LinearRateLimiter;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.quarkiverse.operatorsdk.runtime.QuarkusConfigurationService;
import io.quarkiverse.operatorsdk.runtime.QuarkusControllerConfiguration;
import io.quarkiverse.operatorsdk.runtime.QuarkusManagedWorkflow;
import io.quarkiverse.operatorsdk.runtime.QuarkusWorkflowFactory;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sharding on the configuration QOSDK builds (what the packaged operator registers): the filtered
 * configuration is still one QOSDK's workflow factory takes. Before, registering a controller with
 * {@code coffer.shard.mode=lease} or {@code static} failed with a ClassCastException, and the
 * operator did not start.
 */
class InformerFiltersTest {

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aQosdkConfigurationStaysOneWithTheShardFiltersAndEverythingElseKept() {
        QuarkusConfigurationService parent = (QuarkusConfigurationService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {QuarkusConfigurationService.class}, (proxy, method, args) -> null);
        InformerConfiguration<ExternalSecret> informer = InformerConfiguration.builder(ExternalSecret.class)
                .withOnAddFilter(es -> !es.getMetadata().getName().equals("es-skipped")).build();
        var retry = GenericRetry.defaultLimitedExponentialRetry();
        var limiter = new LinearRateLimiter(Duration.ofSeconds(1), 50);
        QuarkusManagedWorkflow<ExternalSecret> workflow = QuarkusManagedWorkflow.noOpManagedWorkflow;
        QuarkusControllerConfiguration<ExternalSecret> original = new QuarkusControllerConfiguration<>(informer,
                "externalsecret", true, "dev.coffer.sync.ExternalSecretReconciler", retry, limiter, Duration.ofMinutes(10),
                "externalsecrets.external-secrets.io/externalsecret-cleanup", "coffer", workflow,
                "externalsecrets.external-secrets.io", ExternalSecret.class);
        original.setParent(parent);
        StaticShards shards = new StaticShards(0, 2);

        ControllerConfiguration<ExternalSecret> filtered = new Sharding(shards).filtered(original);

        // what JOSDK's Controller does on registration, with QOSDK's factory
        ManagedWorkflowFactory factory = new QuarkusWorkflowFactory();
        assertThat(factory.workflowFor(filtered)).isSameAs(workflow);
        QuarkusControllerConfiguration<ExternalSecret> copy = (QuarkusControllerConfiguration<ExternalSecret>) filtered;
        assertThat(copy.getConfigurationService()).isSameAs(parent);
        assertThat(copy.getName()).isEqualTo("externalsecret");
        assertThat(copy.isGenerationAware()).isTrue();
        assertThat(copy.getAssociatedReconcilerClassName()).isEqualTo("dev.coffer.sync.ExternalSecretReconciler");
        assertThat(copy.getRetry()).isSameAs(retry);
        assertThat(copy.getRateLimiter()).isSameAs(limiter);
        assertThat(copy.maxReconciliationInterval()).contains(Duration.ofMinutes(10));
        assertThat(copy.getFinalizerName()).isEqualTo("externalsecrets.external-secrets.io/externalsecret-cleanup");
        assertThat(copy.fieldManager()).isEqualTo("coffer");
        assertThat(copy.getResourceTypeName()).isEqualTo("externalsecrets.external-secrets.io");
        assertThat(copy.getResourceClass()).isEqualTo(ExternalSecret.class);

        // the informer passes this replica's share only, and still applies the controller's own filter
        var add = copy.getInformerConfig().getOnAddFilter();
        var update = copy.getInformerConfig().getOnUpdateFilter();
        IntStream.range(0, 20).mapToObj(i -> es("es-" + i)).forEach(es -> {
            boolean mine = shards.current().owns("apps", es.getMetadata().getName());
            assertThat(add.accept(es)).as("add of %s", es.getMetadata().getName()).isEqualTo(mine);
            assertThat(update.accept(es, es)).as("update of %s", es.getMetadata().getName()).isEqualTo(mine);
        });
        assertThat(IntStream.range(0, 20).filter(i -> add.accept(es("es-" + i))).count()).isBetween(1L, 19L);
        ExternalSecret skipped = es("es-skipped");
        assertThat(shards.current().owns("apps", "es-skipped") && add.accept(skipped)).isFalse();
    }

    private static ExternalSecret es(String name) {
        ExternalSecret es = new ExternalSecret();
        es.setMetadata(new ObjectMetaBuilder().withNamespace("apps").withName(name).build());
        return es;
    }
}
