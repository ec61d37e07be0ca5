package dev.coffer.provider.kubernetes;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretData;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataFromRemoteRef;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.StoreFixtures;
import dev.coffer.testsupport.kubernetes.MockApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.coffer.provider.kubernetes.KubernetesReadTest.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/kubernetes/ applied to a CRUD mock API server that is also "Coffer's own" API server
 * (the embedded mode): the example store, driven by the example ExternalSecret, reads what the
 * example source Secrets hold. The reconciler's own example test covers the written Secret.
 */
class KubernetesExamplesTest {

    static final Path DIR = Path.of("examples", "kubernetes");
    static final KubernetesSerialization YAML = new KubernetesSerialization();

    @Test
    void theExampleStoreServesTheExampleExternalSecret() throws IOException {
        try (MockApiServer api = MockApiServer.http()) {
            String store = null;
            String externalSecret = null;
            for (String doc : documents()) {
                String kind = YAML.unmarshal(doc, io.fabric8.kubernetes.api.model.GenericKubernetesResource.class).getKind();
                switch (kind) {
                    case "SecretStore" -> store = doc;
                    case "ExternalSecret" -> externalSecret = doc;
                    default -> api.admin().resource((HasMetadata) YAML.unmarshal(doc)).create();
                }
            }
            InMemoryKube kube = new InMemoryKube().apiServerUrl(api.url());
            ExternalSecret es = YAML.unmarshal(externalSecret, ExternalSecret.class);
            Map<String, String> synced = new LinkedHashMap<>();
            try (SecretsClient client = new KubernetesProviderImpl().newClient(StoreFixtures.context(store, kube))) {
                client.validate();
                for (ExternalSecretData d : es.getSpec().data) {
                    synced.put(d.secretKey, text(client.getSecret(d.remoteRef)));
                }
                for (ExternalSecretDataFromRemoteRef from : es.getSpec().dataFrom) {
                    client.getSecretMap(from.extract).forEach((k, v) -> synced.put(k, text(v)));
                }
            }
            assertThat(synced).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "db-username", "payments-app",
                    "db-password", "demo-password-not-secret",
                    "client-id", "demo-client",
                    "client-secret", "demo-client-secret-not-secret"));
            assertThat(kube.tokenRequests()).extracting(InMemoryKube.TokenRequest::name).containsExactly("coffer-reader");
        }
    }

    private static List<String> documents() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().flatMap(p -> {
                try {
                    return Stream.of(Files.readString(p).split("(?m)^---\\s*$"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(d -> d.lines().anyMatch(l -> l.startsWith("kind:"))).toList();
        }
    }
}
