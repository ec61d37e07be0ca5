package dev.coffer.sealing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.sealing.keys.KeyRing;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VectorsTest {

    @TestFactory
    List<DynamicTest> everyVectorBehavesAsExpected() throws Exception {
        KeyRing ring = new KeyRing(Vectors.keys());
        JsonNode expected = Vectors.expected();
        List<DynamicTest> tests = new ArrayList<>();
        expected.fields().forEachRemaining(e -> tests.add(DynamicTest.dynamicTest(e.getKey(),
                () -> check(e.getKey(), e.getValue(), ring))));
        assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
        return tests;
    }

    private static void check(String name, JsonNode expectation, KeyRing ring) throws Exception {
        var sealed = Vectors.sealed(name);
        if ("ok".equals(expectation.get("expect").asText())) {
            var unsealed = SealedSecretUnsealer.unseal(sealed, ring.newestFirst());
            Map<String, String> data = new LinkedHashMap<>();
            unsealed.values().forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v)));
            Map<String, String> want = new LinkedHashMap<>();
            expectation.get("data").fields().forEachRemaining(d -> want.put(d.getKey(), d.getValue().asText()));
            assertThat(data).isEqualTo(want);
        } else {
            assertThatThrownBy(() -> SealedSecretUnsealer.unseal(sealed, ring.newestFirst()))
                    .isInstanceOf(SealingException.class)
                    .satisfies(t -> assertThat(t.getStackTrace()).isEmpty())
                    .satisfies(t -> assertThat(t.getMessage()).isNotBlank().doesNotContain("Exception"));
        }
    }

    @Test
    void oldKeyVectorNeedsTheOldKey() throws Exception {
        List<SealingKey> keys = Vectors.keys();
        SealingKey newest = new KeyRing(keys).newest().orElseThrow();
        assertThatThrownBy(() -> SealedSecretUnsealer.unseal(Vectors.sealed("old-key"), List.of(newest)))
                .isInstanceOf(SealingException.class).hasMessageContaining("no key could decrypt \"k\"");
        var opened = SealedSecretUnsealer.unseal(Vectors.sealed("old-key"), new KeyRing(keys).newestFirst());
        assertThat(opened.key()).isNotEqualTo(newest);
    }

    @Test
    void newestKeyIsKeyNewAndFingerprintMatchesSshKeygen() throws Exception {
        SealingKey newest = new KeyRing(Vectors.keys()).newest().orElseThrow();
        // ssh-keygen -lf on the public key of key-new.crt
        assertThat(newest.fingerprint()).isEqualTo("SHA256:aqdcZ+HvIuvhY/KW8m2MvQfYxf/PTPLn8oXXQk7PXR8");
    }

    @Test
    void failureMessagesSayWhatWentWrong() throws Exception {
        List<SealingKey> keys = Vectors.keys();
        assertThatThrownBy(() -> SealedSecretUnsealer.unseal(Vectors.sealed("truncated"), keys))
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> SealedSecretUnsealer.unseal(Vectors.sealed("not-base64"), keys))
                .hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> SealedSecretUnsealer.unseal(Vectors.sealed("moved-namespace"), keys))
                .hasMessageContaining("wrong name, namespace or scope");
    }
}
