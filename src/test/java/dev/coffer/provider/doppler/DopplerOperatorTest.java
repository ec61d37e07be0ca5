package dev.coffer.provider.doppler;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.LogCapture;
import dev.coffer.testsupport.OperatorTest;
import dev.coffer.testsupport.TestResources;
import dev.coffer.testsupport.doppler.FakeDoppler;
import dev.coffer.testsupport.doppler.FakeDoppler.Answer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A doppler store through the operator (store reconciler, ExternalSecret reconciler, client cache)
 * on the mock API server, with the provider reading a local Doppler. The operator's provider takes
 * the base URL from {@code DOPPLER_BASE_URL}, set here as a system property.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class DopplerOperatorTest extends OperatorTest {

    private static final String CANARY = "canary-doppler-op-Tt4-do-not-leak";
    private static final String TOKEN = "dp.st.prd.operator-token";

    private FakeDoppler doppler;

    @BeforeEach
    void start() {
        doppler = new FakeDoppler().serviceToken(TOKEN, "backend", "prd");
        System.setProperty(DopplerOptions.BASE_URL, doppler.baseUrl());
    }

    @AfterEach
    void stop() {
        System.clearProperty(DopplerOptions.BASE_URL);
        doppler.close();
    }

    private String storeIn(String ns) {
        client.resource(TestResources.secret(ns, "doppler-token", Map.of("dopplerToken", TOKEN))).create();
        return store(ns, "doppler");
    }

    private String store(String ns, String name) {
        client.resource(TestResources.secretStore(ns, name, """
                doppler:
                  auth:
                    secretRef:
                      dopplerToken: {name: doppler-token}
                """)).create();
        return ns;
    }

    private void externalSecret(String ns, String name, String spec) {
        externalSecret(ns, "doppler", name, spec);
    }

    private void externalSecret(String ns, String store, String name, String spec) {
        createExternalSecret(ns, name, "1h", """
                  secretStoreRef: {name: %s, kind: SecretStore}
                  target: {name: %s}
                """.formatted(store, name) + spec);
    }

    @Test
    void syncsKeysExtractAndFindAndKeepsTheSecretThroughAnOutage() {
        doppler.secret("backend", "prd", "DB_PASSWORD", "from-doppler")
                .secret("backend", "prd", "APP_CONFIG", "{\"mode\":\"live\"}")
                .secret("backend", "prd", "APP_NAME", "coffer");
        String ns = storeIn(newNamespace());
        externalSecret(ns, "app", """
                  data:
                  - secretKey: password
                    remoteRef: {key: DB_PASSWORD}
                  dataFrom:
                  - extract: {key: APP_CONFIG}
                  - find: {name: {regexp: "^APP_N"}}
                """);
        Await.synced(client, ns, "app");
        Secret secret = client.secrets().inNamespace(ns).withName("app").get();
        assertThat(decoded(secret, "password")).isEqualTo("from-doppler");
        assertThat(decoded(secret, "mode")).isEqualTo("live");
        assertThat(decoded(secret, "APP_NAME")).isEqualTo("coffer");

        Answer[] outage = new Answer[200];
        Arrays.fill(outage, Answer.dopplerError(401, "Invalid Service token"));
        doppler.failNext(outage);
        Await.await().untilAsserted(() -> {
            client.resources(ExternalSecret.class).inNamespace(ns).withName("app").patch(
                    PatchContext.of(PatchType.JSON_MERGE),
                    "{\"metadata\":{\"annotations\":{\"force-sync\":\"" + System.nanoTime() + "\"}}}");
            assertThat(Await.ready(get(ns, "app")).map(c -> c.message).orElse("")).contains("Invalid Service token");
        });
        assertThat(decoded(client.secrets().inNamespace(ns).withName("app").get(), "password"))
                .as("the last good Secret stays").isEqualTo("from-doppler");
    }

    @Test
    void theCanaryValueNeverLeavesThroughSuccessesAndFailures() {
        doppler.secret("backend", "prd", "PLAIN", CANARY);
        String ns = storeIn(newNamespace());
        try (LogCapture logs = new LogCapture()) {
            externalSecret(ns, "ok", """
                      data:
                      - secretKey: v
                        remoteRef: {key: PLAIN}
                    """);
            externalSecret(ns, "property", """
                      data:
                      - secretKey: v
                        remoteRef: {key: PLAIN, property: field}
                    """);
            Await.synced(client, ns, "ok");
            Await.failing(client, ns, "property", "is not valid JSON");
            Answer[] broken = new Answer[40];
            Arrays.fill(broken, new Answer(500, Map.of(), "{\"messages\":[\"boom\"],\"echo\":\"" + CANARY + "\"}", "text/plain"));
            doppler.failNext(broken);
            // A store of its own, so no download shared with "ok" can serve it.
            store(ns, "doppler-down");
            externalSecret(ns, "doppler-down", "broken", """
                      data:
                      - secretKey: v
                        remoteRef: {key: PLAIN}
                    """);
            Await.failing(client, ns, "broken", "HTTP 500");
            for (String name : new String[] {"ok", "property", "broken"}) {
                assertThat(Serialization.asJson(get(ns, name).getStatus())).doesNotContain(CANARY).doesNotContain(TOKEN);
            }
            assertThat(client.v1().events().inNamespace(ns).list().getItems()).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(CANARY).doesNotContain(TOKEN));
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(CANARY) || line.contains(TOKEN));
        }
    }
}
