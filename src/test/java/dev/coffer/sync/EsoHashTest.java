package dev.coffer.sync;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expected values were printed by Go 1.26 running ESO's ObjectHash
 * ({@code fmt.Sprintf("%x", sha3.Sum224([]byte(fmt.Sprintf("%+v", v))))}) on the same inputs.
 */
class EsoHashTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void emptyAndNilDataHashAsGoPrintsMapBrackets() {
        assertThat(EsoHash.ofData(Map.of())).isEqualTo("74a974446e359fb3e6baff9bd0058950e6edd0f040888d9989b0a11b");
        assertThat(EsoHash.ofData(null)).isEqualTo("74a974446e359fb3e6baff9bd0058950e6edd0f040888d9989b0a11b");
    }

    @Test
    void oneKey() {
        assertThat(EsoHash.ofData(Map.of("password", utf8("s3cr3t"))))
                .isEqualTo("32624ec2bbb01c19a38546e9e3c9996bce3ad67744c9550874b627b9");
    }

    @Test
    void severalKeysSortedBytewiseWithBinaryAndEmptyValues() {
        Map<String, byte[]> data = new LinkedHashMap<>();
        data.put("b", utf8("two"));
        data.put("empty", new byte[0]);
        data.put("a", utf8("one"));
        data.put("Z-key.x_y", new byte[] {0, (byte) 255, 10, 32});
        assertThat(EsoHash.ofData(data)).isEqualTo("eed80bbe68e8614c07ea8dc27e263a3f1aaeaca5748fd22dc054941c");
    }

    @Test
    void metadataHashOfNoLabelsOrAnnotations() {
        assertThat(EsoHash.ofMetadata(null, null)).isEqualTo("f47fe3c0b255b6dd8047cdffa772587bb829efe7a1cb70febeda2eb2");
        assertThat(EsoHash.ofMetadata(Map.of(), new HashMap<>())).isEqualTo("f47fe3c0b255b6dd8047cdffa772587bb829efe7a1cb70febeda2eb2");
    }

    @Test
    void metadataHashWithValuesHoldingSpaces() {
        assertThat(EsoHash.ofMetadata(Map.of("app", "web"), Map.of("force-sync", "1700000000", "b", "x y")))
                .isEqualTo("2f4f0b42e2db54c9f10fbbe95832d589298a5e71254287914cee303e");
    }

    @Test
    void syncedResourceVersionIsGenerationDashMetadataHash() {
        ObjectMeta meta = new ObjectMeta();
        meta.setGeneration(3L);
        meta.setLabels(Map.of("app", "web"));
        meta.setAnnotations(Map.of("force-sync", "1700000000", "b", "x y"));
        assertThat(RefreshPlanner.syncedResourceVersion(meta)).isEqualTo("3-2f4f0b42e2db54c9f10fbbe95832d589298a5e71254287914cee303e");
    }

    @Test
    void managedSecretHashDecodesTheStoredBase64() {
        String b64 = Base64.getEncoder().encodeToString(utf8("s3cr3t"));
        assertThat(ManagedSecret.dataHash(Map.of("password", b64))).isEqualTo("32624ec2bbb01c19a38546e9e3c9996bce3ad67744c9550874b627b9");
    }
}
