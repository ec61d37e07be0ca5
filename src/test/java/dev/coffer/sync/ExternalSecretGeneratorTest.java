package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.generators.v1alpha1.ClusterGenerator;
import dev.coffer.api.generators.v1alpha1.Password;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.Manifests;
import dev.coffer.testsupport.OperatorTest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/** Password, UUID and SSHKey generators through the real reconciler: rotation at each refresh, ClusterGenerator, errors. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ExternalSecretGeneratorTest extends OperatorTest {

    private <T extends HasMetadata> void apply(String yaml, Class<T> type) {
        client.resource(Manifests.parse(yaml, type)).create();
    }

    @Test
    void aPasswordRotatesAtEachRefresh() {
        String ns = newNamespace();
        apply("""
                apiVersion: generators.external-secrets.io/v1alpha1
                kind: Password
                metadata: {name: db-password, namespace: %s}
                spec: {length: 32, digits: 4, symbols: 0, noUpper: false, allowRepeat: true}
                """.formatted(ns), Password.class);
        createExternalSecret(ns, "rotating", "1s", """
                  dataFrom:
                  - sourceRef:
                      generatorRef:
                        apiVersion: generators.external-secrets.io/v1alpha1
                        kind: Password
                        name: db-password
                """);

        ExternalSecret es = Await.synced(client, ns, "rotating");
        String first = decoded(client.secrets().inNamespace(ns).withName("rotating").get(), "password");
        assertThat(first).hasSize(32).matches("[a-zA-Z0-9]+");
        assertThat(es.getStatus().generatorState).singleElement().satisfies(s -> {
            assertThat(s.source).isEqualTo("spec.dataFrom[0]");
            assertThat(s.kind).isEqualTo("Password");
            assertThat(s.keys).containsExactly("password");
            assertThat(s.lease).isNull();
        });

        Secret rotated = Await.secret(client, ns, "rotating", s -> !first.equals(decoded(s, "password")));
        assertThat(decoded(rotated, "password")).hasSize(32);
    }

    @Test
    void anSshKeyFromAClusterGeneratorRotatesAtEachRefresh() {
        String ns = newNamespace();
        String cluster = "deploy-key-" + ns;
        apply("""
                apiVersion: generators.external-secrets.io/v1alpha1
                kind: ClusterGenerator
                metadata: {name: %s}
                spec:
                  kind: SSHKey
                  generator:
                    sshKeySpec: {keyType: ed25519, comment: deploy@coffer}
                """.formatted(cluster), ClusterGenerator.class);
        createExternalSecret(ns, "deploy-key", "1s", """
                  dataFrom:
                  - sourceRef:
                      generatorRef: {kind: ClusterGenerator, name: %s}
                """.formatted(cluster));

        ExternalSecret es = Await.synced(client, ns, "deploy-key");
        Secret first = client.secrets().inNamespace(ns).withName("deploy-key").get();
        assertThat(decoded(first, "privateKey")).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n");
        String firstPublic = decoded(first, "publicKey");
        assertThat(firstPublic).matches("ssh-ed25519 [A-Za-z0-9+/=]+ deploy@coffer\n");
        assertThat(es.getStatus().generatorState).singleElement().satisfies(s -> {
            assertThat(s.kind).isEqualTo("ClusterGenerator/SSHKey");
            assertThat(s.keys).containsExactlyInAnyOrder("privateKey", "publicKey");
        });

        Secret rotated = Await.secret(client, ns, "deploy-key", s -> !firstPublic.equals(decoded(s, "publicKey")));
        assertThat(decoded(rotated, "publicKey")).startsWith("ssh-ed25519 ");
        assertThat(decoded(rotated, "privateKey")).isNotEqualTo(decoded(first, "privateKey"));
    }

    @Test
    void aClusterGeneratorServesDataItemsInAnyNamespace() {
        String ns = newNamespace();
        String cluster = "uuid-" + ns;
        apply("""
                apiVersion: generators.external-secrets.io/v1alpha1
                kind: ClusterGenerator
                metadata: {name: %s}
                spec:
                  kind: UUID
                  generator: {uuidSpec: {}}
                """.formatted(cluster), ClusterGenerator.class);
        createExternalSecret(ns, "ids", "1h", """
                  data:
                  - secretKey: request-id
                    remoteRef: {key: uuid}
                    sourceRef:
                      generatorRef: {kind: ClusterGenerator, name: %s}
                """.formatted(cluster));

        ExternalSecret es = Await.synced(client, ns, "ids");
        assertThat(decoded(client.secrets().inNamespace(ns).withName("ids").get(), "request-id"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(es.getStatus().generatorState).singleElement().satisfies(s -> {
            assertThat(s.kind).isEqualTo("ClusterGenerator/UUID");
            assertThat(s.keys).containsExactly("request-id");
        });
    }

    @Test
    void aMissingGeneratorIsReadyFalseAndWritesNothing() {
        String ns = newNamespace();
        createExternalSecret(ns, "orphan", "1h", """
                  dataFrom:
                  - sourceRef:
                      generatorRef: {kind: Password, name: nowhere}
                """);
        Await.failing(client, ns, "orphan", "Password \"nowhere\" not found in namespace");
        assertThat(client.secrets().inNamespace(ns).withName("orphan").get()).isNull();
    }
}
