package dev.coffer.sync;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataOnlyManagedSecretsTest {

    private final MetadataOnlyManagedSecrets store = new MetadataOnlyManagedSecrets();

    @Test
    void keepsNoValuesButKnowsWhetherTheSecretIsIntact() {
        store.put("apps/db", synced("s3cret"));
        Secret cached = store.get("apps/db");

        assertThat(cached.getData()).isNullOrEmpty();
        assertThat(cached.getMetadata().getAnnotations()).containsKey(ManagedSecret.ANNOTATION_DATA_HASH);
        assertThat(store.isIntact(cached)).isTrue();
        assertThat(store.isWhole(cached)).isFalse();
    }

    @Test
    void editedDataUnderTheSameMarksIsDrift() {
        Secret edited = synced("s3cret");
        edited.setData(Map.of("password", b64("changed by hand")));
        store.put("apps/db", edited);

        assertThat(store.isIntact(store.get("apps/db"))).isFalse();
    }

    @Test
    void aWholeSecretFromElsewhereIsJudgedByItsOwnData() {
        store.put("apps/db", synced("old"));
        Secret justWritten = synced("new");

        assertThat(store.isWhole(justWritten)).isTrue();
        assertThat(store.isIntact(justWritten)).isTrue();
        justWritten.setData(Map.of("password", b64("other")));
        assertThat(store.isIntact(justWritten)).isFalse();
    }

    @Test
    void aRemovedSecretIsForgotten() {
        store.put("apps/db", synced("s3cret"));
        store.remove("apps/db");

        assertThat(store.get("apps/db")).isNull();
        assertThat(store.isIntact(null)).isFalse();
    }

    private static Secret synced(String password) {
        Map<String, String> data = new TreeMap<>(Map.of("password", b64(password)));
        return new SecretBuilder().withNewMetadata().withName("db").withNamespace("apps")
                .addToLabels(ManagedSecret.LABEL_MANAGED, "true")
                .addToAnnotations(ManagedSecret.ANNOTATION_DATA_HASH, ManagedSecret.dataHash(data))
                .endMetadata().withData(data).build();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
