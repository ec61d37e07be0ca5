package dev.coffer.kube;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.sync.ExternalSecretItemStore;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ExternalSecret informer keeps its objects without managed fields, and nothing else is lost. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SlimItemStoreTest {

    @Inject
    Operator operator;

    @Test
    void storedObjectsLoseTheirManagedFieldsOnly() {
        ExternalSecret es = new ExternalSecret();
        es.setMetadata(new ObjectMetaBuilder().withName("app").withNamespace("ns").withResourceVersion("7")
                .addToLabels("team", "a").withManagedFields(List.of(new ManagedFieldsEntryBuilder()
                        .withManager("kubectl").withOperation("Apply").build())).build());
        SlimItemStore<ExternalSecret> store = new ExternalSecretItemStore();
        store.put(store.getKey(es), es);
        ExternalSecret cached = store.get("ns/app");
        assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(cached.getMetadata().getLabels()).containsEntry("team", "a");
        assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("7");
    }

    @Test
    void theExternalSecretControllerCachesThroughIt() {
        var controller = operator.getRegisteredController("externalsecret").orElseThrow();
        assertThat(controller.getConfiguration().getInformerConfig().getItemStore())
                .isInstanceOf(ExternalSecretItemStore.class);
    }
}
