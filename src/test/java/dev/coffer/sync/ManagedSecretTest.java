package dev.coffer.sync;

import dev.coffer.testsupport.TestResources;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ManagedSecretTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void carriesTheUpstreamLabelAndAnnotationNames() {
        assertThat(ManagedSecret.LABEL_MANAGED).isEqualTo("reconcile.external-secrets.io/managed");
        assertThat(ManagedSecret.ANNOTATION_DATA_HASH).isEqualTo("reconcile.external-secrets.io/data-hash");
    }

    @Test
    void dataHashIsStable() {
        Map<String, String> data = Map.of("user", b64("admin"), "password", b64("hunter2"));
        assertThat(ManagedSecret.dataHash(data)).isEqualTo(ManagedSecret.dataHash(new HashMap<>(data)))
                .matches("[0-9a-f]{56}");
    }

    @Test
    void dataHashIgnoresInsertionOrder() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("x", b64("1"));
        a.put("y", b64("2"));
        a.put("z", b64("3"));
        Map<String, String> b = new LinkedHashMap<>();
        b.put("z", b64("3"));
        b.put("x", b64("1"));
        b.put("y", b64("2"));
        assertThat(ManagedSecret.dataHash(a)).isEqualTo(ManagedSecret.dataHash(b));
    }

    @Test
    void dataHashChangesWithAnyKeyOrValue() {
        String base = ManagedSecret.dataHash(Map.of("k", b64("v")));
        assertThat(ManagedSecret.dataHash(Map.of("k", b64("w")))).isNotEqualTo(base);
        assertThat(ManagedSecret.dataHash(Map.of("K", b64("v")))).isNotEqualTo(base);
        assertThat(ManagedSecret.dataHash(Map.of("k", b64("v"), "k2", b64("")))).isNotEqualTo(base);
        // key/value boundaries matter: {ab: c} is not {a: bc}
        assertThat(ManagedSecret.dataHash(Map.of("ab", b64("c")))).isNotEqualTo(ManagedSecret.dataHash(Map.of("a", b64("bc"))));
        // and so do entry boundaries: {a: "", b: ""} is not {a: "b"}
        assertThat(ManagedSecret.dataHash(Map.of("a", b64(""), "b", b64(""))))
                .isNotEqualTo(ManagedSecret.dataHash(Map.of("a", b64("b"))));
    }

    @Test
    void nullAndEmptyDataHashAlike() {
        assertThat(ManagedSecret.dataHash(null)).isEqualTo(ManagedSecret.dataHash(Map.of()));
    }

    private static Secret managed(Map<String, String> plain) {
        Secret s = TestResources.secret("ns", "s", plain);
        s.getMetadata().setLabels(new HashMap<>(Map.of(ManagedSecret.LABEL_MANAGED, "true", "other", "x")));
        s.getMetadata().setAnnotations(new HashMap<>(Map.of(ManagedSecret.ANNOTATION_DATA_HASH, ManagedSecret.dataHash(s.getData()))));
        return s;
    }

    @Test
    void intactWhenLabelAndHashMatch() {
        assertThat(ManagedSecret.isIntact(managed(Map.of("a", "1", "b", "2")))).isTrue();
        assertThat(ManagedSecret.isIntact(managed(Map.of()))).isTrue();
    }

    @Test
    void notIntactWithoutTheManagedLabel() {
        Secret s = managed(Map.of("a", "1"));
        s.getMetadata().getLabels().remove(ManagedSecret.LABEL_MANAGED);
        assertThat(ManagedSecret.isIntact(s)).isFalse();
        s.getMetadata().setLabels(null);
        assertThat(ManagedSecret.isIntact(s)).isFalse();
        s.getMetadata().setLabels(Map.of(ManagedSecret.LABEL_MANAGED, "false"));
        assertThat(ManagedSecret.isIntact(s)).isFalse();
    }

    @Test
    void notIntactWhenDataWasEdited() {
        Secret s = managed(Map.of("a", "1"));
        s.getData().put("a", b64("2"));
        assertThat(ManagedSecret.isIntact(s)).isFalse();
        Secret added = managed(Map.of("a", "1"));
        added.getData().put("b", b64("1"));
        assertThat(ManagedSecret.isIntact(added)).isFalse();
    }

    @Test
    void notIntactWithoutOrWithAWrongHashAnnotation() {
        Secret s = managed(Map.of("a", "1"));
        s.getMetadata().getAnnotations().remove(ManagedSecret.ANNOTATION_DATA_HASH);
        assertThat(ManagedSecret.isIntact(s)).isFalse();
        s.getMetadata().setAnnotations(null);
        assertThat(ManagedSecret.isIntact(s)).isFalse();
        s.getMetadata().setAnnotations(Map.of(ManagedSecret.ANNOTATION_DATA_HASH, "deadbeef"));
        assertThat(ManagedSecret.isIntact(s)).isFalse();
    }

    @Test
    void missingSecretIsNotIntact() {
        assertThat(ManagedSecret.isIntact(null)).isFalse();
        assertThat(ManagedSecret.isIntact(new Secret())).isFalse();
    }
}
