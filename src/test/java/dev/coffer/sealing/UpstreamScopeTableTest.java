package dev.coffer.sealing;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.controller.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Upstream's scope tests (pkg/apis/sealedsecrets/v1alpha1/sealedsecret_test.go) as data:
 * TestSealingScope, TestEncryptionLabel, TestLabel, TestClusterWide, TestNamespaceWide,
 * TestClusterAndNamespaceWide, and the TestSealRoundTrip* cases with and without a
 * namespace or name mismatch.
 */
class UpstreamScopeTableTest {

    @ParameterizedTest
    @CsvSource({"STRICT, strict", "NAMESPACE_WIDE, namespace-wide", "CLUSTER_WIDE, cluster-wide"})
    void sealingScopeNames(Scope scope, String flag) {
        assertThat(scope.flag()).isEqualTo(flag);
        assertThat(Scope.fromFlag(flag)).isEqualTo(scope);
    }

    @ParameterizedTest
    @CsvSource({"STRICT, myns/myname", "NAMESPACE_WIDE, myns", "CLUSTER_WIDE, ''"})
    void encryptionLabel(Scope scope, String label) {
        assertThat(new String(scope.label("myns", "myname"), StandardCharsets.UTF_8)).isEqualTo(label);
    }

    /** TestLabel, TestClusterWide, TestNamespaceWide, TestClusterAndNamespaceWide: the label from the annotations. */
    @ParameterizedTest
    @CsvSource({"false, false, myns/myname", "true, false, ''", "false, true, myns", "true, true, ''"})
    void labelFromAnnotations(boolean clusterWide, boolean namespaceWide, String label) {
        Map<String, String> annotations = new HashMap<>();
        if (clusterWide) {
            annotations.put(Scope.CLUSTER_WIDE_ANNOTATION, "true");
        }
        if (namespaceWide) {
            annotations.put(Scope.NAMESPACE_WIDE_ANNOTATION, "true");
        }
        assertThat(new String(Scope.fromAnnotations(annotations).label("myns", "myname"), StandardCharsets.UTF_8))
                .isEqualTo(label);
    }

    /** TestSealRoundTrip*: sealed for myns/myname in a scope, unsealed under another namespace/name. */
    @ParameterizedTest(name = "[{index}] {0} unsealed as {1}/{2}: opens={3}")
    @CsvSource({
        "STRICT,         myns,    myname,  true",
        "STRICT,         otherns, myname,  false",
        "STRICT,         myns,    othername, false",
        "NAMESPACE_WIDE, myns,    othername, true",
        "NAMESPACE_WIDE, otherns, myname,  false",
        "CLUSTER_WIDE,   otherns, othername, true",
    })
    void roundTripWithAndWithoutMismatch(Scope scope, String namespace, String name, boolean opens) throws Exception {
        SealedSecret sealed = Fixtures.sealed(TestKeys.key(0).publicKey(), "myns", "myname", scope, Map.of("foo", "bar"));
        sealed.getMetadata().setNamespace(namespace);
        sealed.getMetadata().setName(name);
        if (opens) {
            assertThat(SealedSecretUnsealer.unseal(sealed, List.of(TestKeys.key(0))).values().get("foo"))
                    .isEqualTo("bar".getBytes(StandardCharsets.UTF_8));
        } else {
            assertThatThrownBy(() -> SealedSecretUnsealer.unseal(sealed, List.of(TestKeys.key(0))))
                    .isInstanceOf(SealingException.class).hasMessageContaining("no key could decrypt");
        }
    }
}
