package dev.coffer.examples;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.SecretStoreProvider;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import dev.coffer.api.generators.v1alpha1.ECRAuthorizationToken;
import dev.coffer.api.generators.v1alpha1.STSSessionToken;
import dev.coffer.api.generators.v1alpha1.VaultDynamicSecret;
import dev.coffer.cli.ManifestApplier;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.StoreIdentity;
import dev.coffer.provider.vault.VaultProviderImpl;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.InMemoryKube;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/** examples/generators: the Password and SSHKey examples sync as the embedded mode applies them; the AWS and Vault ones parse and validate. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class GeneratorExamplesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Inject
    KubernetesClient client;

    @Test
    void passwordExampleWritesAGeneratedPassword() {
        new ManifestApplier(client).apply(List.of(Path.of("examples", "generators", "password")));

        Await.synced(client, "generators-demo", "app-password");
        String password = decoded(client.secrets().inNamespace("generators-demo").withName("app-password").get(), "password");
        assertThat(password).hasSize(32);
        assertThat(password.chars().filter(Character::isDigit).count()).isEqualTo(6);
        assertThat(password.chars().filter(c -> "-_.@".indexOf(c) >= 0).count()).isEqualTo(4);
        assertThat(password.chars().distinct().count()).isEqualTo(32);
    }

    @Test
    void sshKeyExampleWritesAnEd25519KeyPair() {
        new ManifestApplier(client).apply(List.of(Path.of("examples", "generators", "sshkey")));

        Await.synced(client, "sshkey-demo", "deploy-key");
        var secret = client.secrets().inNamespace("sshkey-demo").withName("deploy-key").get();
        assertThat(decoded(secret, "privateKey")).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n");
        assertThat(decoded(secret, "publicKey")).matches("ssh-ed25519 [A-Za-z0-9+/=]+ deploy@sshkey-demo\n");
    }

    @Test
    void awsExampleParsesWithEveryFieldKnown() throws IOException {
        Path file = Path.of("examples", "generators", "aws", "ecr-docker-login.yaml");
        List<String> kinds = new java.util.ArrayList<>();
        List<String> referenced = new java.util.ArrayList<>();
        for (JsonNode doc : YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class).readAll()) {
            String kind = doc.path("kind").asText();
            kinds.add(kind);
            switch (kind) {
                case "ECRAuthorizationToken" -> assertThat(YAML.treeToValue(doc, ECRAuthorizationToken.class).getSpec().region)
                        .isEqualTo("eu-west-1");
                case "STSSessionToken" -> assertThat(YAML.treeToValue(doc, STSSessionToken.class).getSpec().requestParameters
                        .sessionDuration).isEqualTo(3600);
                case "ExternalSecret" -> referenced.add(YAML.treeToValue(doc, ExternalSecret.class).getSpec().dataFrom.get(0)
                        .sourceRef.generatorRef.kind.name());
                default -> throw new AssertionError("unexpected kind " + kind);
            }
        }
        assertThat(kinds).containsExactly("ECRAuthorizationToken", "ExternalSecret", "STSSessionToken", "ExternalSecret");
        assertThat(referenced).containsExactly("ECRAuthorizationToken", "STSSessionToken");
    }

    @Test
    void vaultDatabaseExampleParsesAndItsProviderValidates() throws IOException {
        Path file = Path.of("examples", "generators", "vault", "database-credentials.yaml");
        int generators = 0;
        int externalSecrets = 0;
        for (JsonNode doc : YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class).readAll()) {
            if ("VaultDynamicSecret".equals(doc.path("kind").asText())) {
                VaultDynamicSecret vds = YAML.treeToValue(doc, VaultDynamicSecret.class);
                SecretStoreSpec spec = new SecretStoreSpec();
                spec.provider = new SecretStoreProvider();
                spec.provider.vault = vds.getSpec().provider;
                new VaultProviderImpl().validate(new StoreContext(new StoreIdentity("VaultDynamicSecret", "shop", "app-db"),
                        1, spec, "shop", new InMemoryKube()));
                assertThat(vds.getSpec().path).isEqualTo("database/creds/app");
                generators++;
            } else if ("ExternalSecret".equals(doc.path("kind").asText())) {
                assertThat(YAML.treeToValue(doc, ExternalSecret.class).getSpec().dataFrom.get(0).sourceRef.generatorRef.name)
                        .isEqualTo("app-db");
                externalSecrets++;
            }
        }
        assertThat(generators).isEqualTo(1);
        assertThat(externalSecrets).isEqualTo(1);
    }
}
