package dev.coffer.rollout;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMetadataStoreTest {

    @Test
    void theCacheKeepsNoValueNotEvenInKubectlsLastAppliedAnnotation() {
        String canary = "canary-2b9d-cache-value";
        Secret full = new SecretBuilder().withNewMetadata().withNamespace("apps").withName("db").withUid("u1")
                .withResourceVersion("7").withLabels(Map.of("app", "web"))
                .withAnnotations(Map.of("reloader.stakater.com/match", "true",
                        SecretMetadataStore.LAST_APPLIED, "{\"stringData\":{\"password\":\"" + canary + "\"}}"))
                .addNewManagedField().withManager("kubectl").endManagedField()
                .endMetadata()
                .withType("Opaque").withData(Map.of("password", "Y2FuYXJ5")).withStringData(Map.of("p", canary)).build();

        SecretMetadataStore store = new SecretMetadataStore();
        store.put("apps/db", full);
        Secret cached = store.get("apps/db");

        assertThat(cached.getData()).isNullOrEmpty();
        assertThat(cached.getStringData()).isNullOrEmpty();
        assertThat(cached.getMetadata().getManagedFields()).isEmpty();
        assertThat(cached.getMetadata().getAnnotations()).containsOnlyKeys("reloader.stakater.com/match", SecretMetadataStore.DIGEST);
        assertThat(SecretMetadataStore.digest(cached)).as("the digest of the data, kept").isEqualTo(SecretMetadataStore.digest(full));
        assertThat(cached.getMetadata().getLabels()).containsEntry("app", "web");
        assertThat(cached.getMetadata().getUid()).isEqualTo("u1");
        assertThat(cached.toString()).doesNotContain(canary).doesNotContain("Y2FuYXJ5");
        assertThat(full.getMetadata().getAnnotations()).as("the informer's object is not changed")
                .containsKey(SecretMetadataStore.LAST_APPLIED);
    }
}
