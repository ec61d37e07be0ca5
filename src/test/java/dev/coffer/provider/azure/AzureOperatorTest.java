package dev.coffer.provider.azure;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.LogCapture;
import dev.coffer.testsupport.OperatorTest;
import dev.coffer.testsupport.TestResources;
import dev.coffer.testsupport.azure.AzureStoresExtension;
import dev.coffer.testsupport.azure.AzureTestStores;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An azurekv store through the operator (store reconciler, ExternalSecret reconciler, client
 * cache) on the mock API server, with the real SDK against the local Key Vault and authority.
 * The operator's own provider reads its CA and challenge settings from system properties, set here.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class AzureOperatorTest extends OperatorTest {

    private static final String CANARY = "canary-azurekv-Qm4-do-not-leak";

    @RegisterExtension
    final AzureStoresExtension azure = new AzureStoresExtension();

    private String storeIn(String ns) {
        AzureTestStores t = azure.stores();
        client.resource(TestResources.secret(ns, "azure-creds", Map.of("client-id", AzureTestStores.CLIENT_ID,
                "client-secret", AzureTestStores.CLIENT_SECRET))).create();
        client.resource(TestResources.secretStore(ns, "azure", t.block(AzureTestStores.SP_AUTH).stripIndent())).create();
        return ns;
    }

    private ExternalSecret externalSecret(String ns, String name, String spec) {
        return createExternalSecret(ns, name, "1h", """
                  secretStoreRef: {name: azure, kind: SecretStore}
                  target: {name: %s}
                """.formatted(name) + spec);
    }

    @Test
    void syncsDataExtractAndFindAndKeepsTheSecretThroughAnOutage() {
        AzureTestStores t = azure.stores();
        t.vault.putSecret("db", "{\"user\":\"app\",\"password\":\"from-azure\"}");
        t.vault.putSecret("app-token", "tok");
        String ns = storeIn(newNamespace());
        externalSecret(ns, "app", """
                  data:
                  - secretKey: pw
                    remoteRef: {key: db, property: password}
                  dataFrom:
                  - extract: {key: db}
                  - find: {name: {regexp: "^app-"}}
                """);

        Await.synced(client, ns, "app");
        Secret secret = client.secrets().inNamespace(ns).withName("app").get();
        assertThat(decoded(secret, "pw")).isEqualTo("from-azure");
        assertThat(decoded(secret, "user")).isEqualTo("app");
        assertThat(decoded(secret, "app-token")).isEqualTo("tok");

        int[] denied = new int[1000];
        java.util.Arrays.fill(denied, 403);
        t.vault.failNext("GetSecret", denied);
        t.vault.failNext("GetSecrets", denied);
        Await.forceSyncsUntilFailing(client, ns, "app", "HTTP 403");
        assertThat(decoded(client.secrets().inNamespace(ns).withName("app").get(), "pw"))
                .as("the last good Secret stays").isEqualTo("from-azure");
    }

    @Test
    void theCanaryValueNeverLeavesThroughSuccessesAndFailures() {
        AzureTestStores t = azure.stores();
        t.vault.putSecret("plain", CANARY);
        t.vault.putSecret("denied", CANARY);
        t.vault.errorMessage("the value is " + CANARY);
        String ns = storeIn(newNamespace());
        try (LogCapture logs = new LogCapture()) {
            externalSecret(ns, "ok", """
                      data:
                      - secretKey: v
                        remoteRef: {key: plain}
                    """);
            externalSecret(ns, "property", """
                      data:
                      - secretKey: v
                        remoteRef: {key: plain, property: field}
                    """);
            Await.synced(client, ns, "ok");
            Await.failing(client, ns, "property", "is not valid JSON");
            int[] failures = new int[40];
            java.util.Arrays.fill(failures, 403);
            failures[0] = 500;
            failures[1] = 429;
            t.vault.failNext("GetSecret", failures);
            externalSecret(ns, "denied", """
                      data:
                      - secretKey: v
                        remoteRef: {key: denied}
                    """);
            Await.failing(client, ns, "denied", "HTTP 403");

            for (String name : new String[] {"ok", "property", "denied"}) {
                assertThat(Serialization.asJson(get(ns, name).getStatus())).doesNotContain(CANARY);
            }
            assertThat(client.v1().events().inNamespace(ns).list().getItems()).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(CANARY));
        }
    }
}
