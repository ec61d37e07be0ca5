package dev.coffer.rollout;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretDataHashTest {

    static Secret secret(String name, String uid, Map<String, String> plain) {
        Map<String, String> data = new LinkedHashMap<>();
        plain.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withNewMetadata().withName(name).withUid(uid).endMetadata().withData(data).build();
    }

    static String hash(Secret... secrets) {
        Map<String, Secret> byName = new HashMap<>();
        for (Secret s : secrets) {
            byName.put(s.getMetadata().getName(), s);
        }
        return SecretDataHash.of(byName);
    }

    @Test
    void sameDataSameHashWhateverTheOrder() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        assertThat(hash(secret("s", "u1", ab), secret("t", "u2", Map.of("x", "y"))))
                .isEqualTo(hash(secret("t", "u2", Map.of("x", "y")), secret("s", "u1", ba)))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void anyChangeChangesIt() {
        String base = hash(secret("s", "u1", Map.of("a", "1")));
        assertThat(hash(secret("s", "u1", Map.of("a", "2")))).as("value").isNotEqualTo(base);
        assertThat(hash(secret("s", "u1", Map.of("b", "1")))).as("key").isNotEqualTo(base);
        assertThat(hash(secret("s", "u1", Map.of("a", "1", "b", "")))).as("a key added").isNotEqualTo(base);
        assertThat(hash(secret("s", "u9", Map.of("a", "1")))).as("recreated (new uid)").isNotEqualTo(base);
        assertThat(hash(secret("r", "u1", Map.of("a", "1")))).as("another Secret").isNotEqualTo(base);
        assertThat(hash(secret("s", "u1", Map.of("a1", "")))).as("no ambiguity across key and value")
                .isNotEqualTo(hash(secret("s", "u1", Map.of("a", "1"))));
    }

    @Test
    void aMissingSecretDiffersFromAnEmptyOne() {
        Map<String, Secret> missing = new HashMap<>();
        missing.put("s", null);
        assertThat(SecretDataHash.of(missing)).isNotEqualTo(hash(secret("s", null, Map.of())));
    }

    @Test
    void stringDataCountsAsTheServerWouldStoreIt() {
        Secret viaStringData = new SecretBuilder().withNewMetadata().withName("s").withUid("u1").endMetadata()
                .withStringData(Map.of("a", "1")).build();
        assertThat(hash(viaStringData)).isEqualTo(hash(secret("s", "u1", Map.of("a", "1"))));
    }

    @Test
    void itIsKeyedSoABareHashOfTheValueIsNotIt() throws Exception {
        String h = hash(secret("s", "u1", Map.of("pin", "1234")));
        String bare = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("1234".getBytes(StandardCharsets.UTF_8)));
        assertThat(h).isNotEqualTo(bare).doesNotContain("1234");
    }
}
