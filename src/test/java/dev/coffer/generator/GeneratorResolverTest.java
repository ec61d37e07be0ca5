package dev.coffer.generator;

import dev.coffer.api.externalsecrets.v1.GeneratorKind;
import dev.coffer.api.externalsecrets.v1.GeneratorRef;
import dev.coffer.api.externalsecrets.v1.providers.WebhookProvider;
import dev.coffer.api.generators.v1alpha1.ClusterGenerator;
import dev.coffer.api.generators.v1alpha1.ECRAuthorizationTokenSpec;
import dev.coffer.api.generators.v1alpha1.FakeSpec;
import dev.coffer.api.generators.v1alpha1.SSHKey;
import dev.coffer.api.generators.v1alpha1.SSHKeySpec;
import dev.coffer.api.generators.v1alpha1.STSSessionTokenSpec;
import dev.coffer.provider.ProviderException;
import dev.coffer.testsupport.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The new generator kinds resolve by name in the namespace and wrapped in a ClusterGenerator. */
class GeneratorResolverTest {

    private final List<HasMetadata> objects = new ArrayList<>();
    private final GeneratorResolver resolver = new GeneratorResolver(new GeneratorLookup() {
        @Override
        public <T extends HasMetadata> Optional<T> find(Class<T> type, String namespace, String name) {
            return objects.stream().filter(type::isInstance).map(type::cast)
                    .filter(o -> name.equals(o.getMetadata().getName()))
                    .filter(o -> namespace == null || namespace.equals(o.getMetadata().getNamespace())).findFirst();
        }
    });

    private static GeneratorRef ref(GeneratorKind kind, String name) {
        GeneratorRef ref = new GeneratorRef();
        ref.kind = kind;
        ref.name = name;
        return ref;
    }

    private void clusterGenerator(String name, String kind, String generator) {
        objects.add(Manifests.parse("""
                apiVersion: generators.external-secrets.io/v1alpha1
                kind: ClusterGenerator
                metadata: {name: %s}
                spec:
                  kind: %s
                  generator: %s
                """.formatted(name, kind, generator), ClusterGenerator.class));
    }

    @Test
    void aNamespacedSshKeyResolvesWithItsSpec() {
        objects.add(Manifests.parse("""
                apiVersion: generators.external-secrets.io/v1alpha1
                kind: SSHKey
                metadata: {name: deploy, namespace: apps}
                spec: {keyType: ecdsa, keySize: 384}
                """, SSHKey.class));
        ResolvedGenerator g = resolver.resolve(ref(GeneratorKind.SSHKey, "deploy"), "apps");
        assertThat(g.kind()).isEqualTo("SSHKey");
        assertThat(g.spec(SSHKeySpec.class).keySize).isEqualTo(384);
        assertThatThrownBy(() -> resolver.resolve(ref(GeneratorKind.SSHKey, "deploy"), "other"))
                .hasMessage("SSHKey \"deploy\" not found in namespace \"other\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Fake|{fakeSpec: {data: {a: b}}}",
            "SSHKey|{sshKeySpec: {keyType: ed25519}}",
            "SSHKey|{}",
            "STSSessionToken|{stsSessionTokenSpec: {region: eu-west-1}}",
            "ECRAuthorizationToken|{ecrAuthorizationTokenSpec: {region: eu-west-1, scope: private}}",
            "Webhook|{webhookSpec: {url: 'http://127.0.0.1:1/x', result: {jsonPath: $.data}}}"})
    void eachNewKindIsUsableThroughAClusterGenerator(String kind, String generator) {
        clusterGenerator("cg", kind, generator);
        ResolvedGenerator g = resolver.resolve(ref(GeneratorKind.ClusterGenerator, "cg"), "apps");
        assertThat(g.kind()).isEqualTo(kind);
        assertThat(g.cluster()).isTrue();
        Class<?> type = switch (kind) {
            case "Fake" -> FakeSpec.class;
            case "SSHKey" -> SSHKeySpec.class;
            case "STSSessionToken" -> STSSessionTokenSpec.class;
            case "ECRAuthorizationToken" -> ECRAuthorizationTokenSpec.class;
            default -> WebhookProvider.class;
        };
        assertThat(g.spec()).isInstanceOf(type);
    }

    @ParameterizedTest
    @CsvSource({"STSSessionToken,stsSessionTokenSpec", "ECRAuthorizationToken,ecrAuthorizationTokenSpec",
            "Webhook,webhookSpec", "Fake,fakeSpec"})
    void aClusterGeneratorWithoutItsSpecNamesTheFieldItNeeds(String kind, String field) {
        clusterGenerator("empty", kind, "{}");
        assertThatThrownBy(() -> resolver.resolve(ref(GeneratorKind.ClusterGenerator, "empty"), "apps"))
                .isInstanceOf(ProviderException.class)
                .hasMessage("ClusterGenerator \"empty\" of kind " + kind + " needs spec.generator." + field);
    }
}
