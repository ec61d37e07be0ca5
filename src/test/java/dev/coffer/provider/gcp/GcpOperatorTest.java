package dev.coffer.provider.gcp;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.LogCapture;
import dev.coffer.testsupport.OperatorTest;
import dev.coffer.testsupport.TestResources;
import dev.coffer.testsupport.gcp.GcpStoresExtension;
import dev.coffer.testsupport.gcp.GcpTestStores;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static dev.coffer.testsupport.TestResources.decoded;
import static dev.coffer.testsupport.gcp.GcpTestStores.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gcpsm store through the operator (store reconciler, ExternalSecret reconciler, client cache)
 * on the mock API server, with the real SDK against the local Secret Manager and token server.
 * The operator's own provider reads its endpoint settings from system properties, set here.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class GcpOperatorTest extends OperatorTest {

    private static final String CANARY = "canary-gcpsm-Kp2-do-not-leak";

    @RegisterExtension
    final GcpStoresExtension gcp = new GcpStoresExtension();

    private String storeIn(String ns) {
        client.resource(TestResources.secret(ns, "gcp-key", Map.of("key.json", gcp.stores().keyJson()))).create();
        client.resource(TestResources.secretStore(ns, "gcp", """
                gcpsm:
                  projectID: coffer-test
                  auth:
                    secretRef:
                      secretAccessKeySecretRef: {name: gcp-key, key: key.json}
                """)).create();
        return ns;
    }

    private ExternalSecret externalSecret(String ns, String name, String spec) {
        return createExternalSecret(ns, name, "1h", """
                  secretStoreRef: {name: gcp, kind: SecretStore}
                  target: {name: %s}
                """.formatted(name) + spec);
    }

    @Test
    void syncsDataExtractAndFindAndKeepsTheSecretThroughAnOutage() {
        gcp.stores().sm.addVersion(PROJECT, "db", "{\"user\":\"app\",\"password\":\"from-gcp\"}");
        gcp.stores().sm.addVersion(PROJECT, "app-token", "tok");
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
        assertThat(decoded(secret, "pw")).isEqualTo("from-gcp");
        assertThat(decoded(secret, "user")).isEqualTo("app");
        assertThat(decoded(secret, "app-token")).isEqualTo("tok");

        Status[] denied = new Status[1000];
        java.util.Arrays.fill(denied, Status.PERMISSION_DENIED);
        gcp.stores().sm.failNext("AccessSecretVersion", denied);
        gcp.stores().sm.failNext("ListSecrets", denied);
        Await.forceSyncsUntilFailing(client, ns, "app", "PERMISSION_DENIED");
        assertThat(decoded(client.secrets().inNamespace(ns).withName("app").get(), "pw"))
                .as("the last good Secret stays").isEqualTo("from-gcp");
    }

    @Test
    void theCanaryValueNeverLeavesThroughSuccessesAndFailures() {
        gcp.stores().sm.addVersion(PROJECT, "plain", CANARY);
        gcp.stores().sm.addVersion(PROJECT, "denied", CANARY);
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
            Status[] denied = new Status[40];
            java.util.Arrays.fill(denied, Status.PERMISSION_DENIED.withDescription("the value is " + CANARY));
            gcp.stores().sm.failNext("AccessSecretVersion", denied);
            externalSecret(ns, "denied", """
                      data:
                      - secretKey: v
                        remoteRef: {key: denied}
                    """);
            Await.failing(client, ns, "denied", "PERMISSION_DENIED");

            for (String name : new String[] {"ok", "property", "denied"}) {
                assertThat(Serialization.asJson(get(ns, name).getStatus())).doesNotContain(CANARY);
            }
            assertThat(client.v1().events().inNamespace(ns).list().getItems()).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(CANARY));
        }
    }
}
