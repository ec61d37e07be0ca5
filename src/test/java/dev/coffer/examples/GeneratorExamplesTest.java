package dev.coffer.examples;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.SecretStoreProvider;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
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

/** examples/generators: the Password example syncs as the embedded mode applies it; the Vault one parses and validates. */
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
