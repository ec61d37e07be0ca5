package dev.coffer.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretTarget;
import dev.coffer.testsupport.Await;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.coffer.testsupport.TestResources.externalSecretOn;
import static dev.coffer.testsupport.TestResources.fakeStore;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail of real reconciles (CRUD mock API server, fake provider), read from its logger:
 * a full sync records each provider read and the Secret created; a failed read records its
 * failure; a change of target.name records the new Secret and the deletion of the old one. No
 * record holds a value (the fetched value is a canary).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class AuditTrailSyncTest {

    private static final String CANARY = "canary-audit-7f3e9b";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    KubernetesClient client;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lines.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(AuditTrail.LOGGER).addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger(AuditTrail.LOGGER).removeHandler(capture);
    }

    private List<JsonNode> records(String ns) {
        return lines.stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + l, e);
            }
        }).filter(r -> ns.equals(r.path("namespace").asText())).toList();
    }

    private static boolean is(JsonNode r, String action, String field, String value) {
        return action.equals(r.path("action").asText()) && value.equals(r.path(field).asText());
    }

    @Test
    void aSyncAFailureAndADeletionAreRecordedWithoutValues() {
        String ns = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        client.resource(fakeStore(ns, "fake", Map.of("db-password", CANARY))).create();
        client.resource(externalSecretOn(ns, "app", "SecretStore", "fake", """
                  data:
                  - secretKey: password
                    remoteRef:
                      key: db-password
                """)).create();
        Await.synced(client, ns, "app");
        Await.await().untilAsserted(() -> assertThat(records(ns)).anySatisfy(r -> assertThat(is(r, "SECRET_CREATE", "secret", "app")).isTrue()));
        JsonNode read = records(ns).stream().filter(r -> is(r, "PROVIDER_READ", "remoteKey", "db-password")).findFirst().orElseThrow();
        assertThat(read.path("store").asText()).isEqualTo("SecretStore/fake");
        assertThat(read.path("kind").asText()).isEqualTo("ExternalSecret");
        assertThat(read.path("name").asText()).isEqualTo("app");
        assertThat(read.path("outcome").asText()).isEqualTo("success");
        assertThat(read.path("time").asText()).isNotBlank();

        // a failure: a remote key the store does not have
        client.resource(externalSecretOn(ns, "broken", "SecretStore", "fake", """
                  data:
                  - secretKey: x
                    remoteRef:
                      key: no-such-key
                      version: v7
                """)).create();
        Await.await().untilAsserted(() -> assertThat(records(ns)).anySatisfy(r -> {
            assertThat(is(r, "PROVIDER_READ", "remoteKey", "no-such-key")).isTrue();
            assertThat(r.path("version").asText()).isEqualTo("v7");
            assertThat(r.path("outcome").asText()).startsWith("failure: ");
        }));

        // a deletion: target.name changes, the Secret under the old name goes
        client.resources(ExternalSecret.class).inNamespace(ns).withName("app").edit(es -> {
            if (es.getSpec().target == null) {
                es.getSpec().target = new ExternalSecretTarget();
            }
            es.getSpec().target.name = "app-renamed";
            return es;
        });
        Await.await().untilAsserted(() -> assertThat(records(ns))
                .anySatisfy(r -> assertThat(is(r, "SECRET_CREATE", "secret", "app-renamed")).isTrue())
                .anySatisfy(r -> assertThat(is(r, "SECRET_DELETE", "secret", "app")).isTrue()));

        assertThat(records(ns)).allSatisfy(r -> assertThat(r.toString()).doesNotContain(CANARY));
    }
}
