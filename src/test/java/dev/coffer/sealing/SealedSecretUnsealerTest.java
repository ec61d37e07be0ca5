package dev.coffer.sealing;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.controller.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealedSecretUnsealerTest {

    final SealingKey key = TestKeys.key(0);
    final SealedSecretSealer sealer = new SealedSecretSealer(key.publicKey(), new SecureRandom());

    SealedSecret legacy(String secretJson) {
        SealedSecret ss = Fixtures.sealed(key.publicKey(), "ns", "old", Scope.STRICT, Map.of());
        ss.getSpec().setData(sealer.sealValue(Scope.STRICT, "ns", "old", secretJson.getBytes(StandardCharsets.UTF_8)));
        return ss;
    }

    @Test
    void legacySpecDataHoldsAWholeSecret() throws Exception {
        var unsealed = SealedSecretUnsealer.unseal(legacy(
                "{\"kind\":\"Secret\",\"data\":{\"a\":\"" + Fixtures.b64("x") + "\"},\"stringData\":{\"b\":\"y\"}}"), List.of(key));
        assertThat(unsealed.values()).containsOnlyKeys("a", "b");
        assertThat(new String(unsealed.values().get("b"), StandardCharsets.UTF_8)).isEqualTo("y");
    }

    @Test
    void legacyAndEncryptedDataTogetherAreRefused() {
        SealedSecret both = legacy("{}");
        both.getSpec().getEncryptedData().put("k", sealer.sealValue(Scope.STRICT, "ns", "old", new byte[1]));
        assertThatThrownBy(() -> SealedSecretUnsealer.unseal(both, List.of(key)))
                .isInstanceOf(SealingException.class).hasMessageContaining("both set");
    }

    @Test
    void legacyDataThatIsNotASecretIsAClearError() {
        assertThatThrownBy(() -> SealedSecretUnsealer.unseal(legacy("canary not json"), List.of(key)))
                .hasMessage("legacy spec.data does not hold a Secret as JSON");
    }

    @Test
    void clusterWideWinsOverNamespaceWide() {
        SealedSecret ss = new SealedSecret();
        ss.getMetadata().setAnnotations(Map.of(Scope.CLUSTER_WIDE_ANNOTATION, "true", Scope.NAMESPACE_WIDE_ANNOTATION, "true"));
        assertThat(SealedSecretUnsealer.scopeOf(ss)).isEqualTo(Scope.CLUSTER_WIDE);
        assertThat(SealedSecretUnsealer.labelOf(ss)).isEmpty();
    }
}
