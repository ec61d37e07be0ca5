package dev.coffer.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretTarget;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecret;
import dev.coffer.testsupport.Manifests;
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
import static dev.coffer.testsupport.TestResources.secret;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail of real reconciles (CRUD mock API server, fake provider), read from its logger:
 * a full sync records each provider read and the Secret created; a failed read records its
 * failure; a change of target.name records the new Secret and the deletion of the old one. A
 * PushSecret's pushes, a refused push and, on its deletion under {@code deletionPolicy: Delete},
 * its remote deletes are recorded too. No record holds a value (the values are canaries).
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

    private void pushSecret(String ns, String name, String spec) {
        client.resource(Manifests.parse("""
                apiVersion: external-secrets.io/v1alpha1
                kind: PushSecret
                metadata: {name: %s, namespace: %s}
                spec:
                %s
                """.formatted(name, ns, spec.indent(2)), PushSecret.class)).create();
    }

    private static boolean pushRecord(JsonNode r, String action, String name, String remoteKey) {
        return action.equals(r.path("action").asText()) && "PushSecret".equals(r.path("kind").asText())
                && name.equals(r.path("name").asText()) && remoteKey.equals(r.path("remoteKey").asText());
    }

    @Test
    void pushesARefusedPushAndTheRemoteDeletesOfADeletedPushSecretAreRecordedWithoutValues() {
        String ns = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        // "theirs" exists in the store and is not a JSON object: a push of a property into it is refused
        client.resource(fakeStore(ns, "fake", Map.of("theirs", "not-json"))).create();
        client.resource(secret(ns, "source", Map.of("token", CANARY))).create();
        pushSecret(ns, "push", """
                deletionPolicy: Delete
                secretStoreRefs: [{name: fake}]
                selector: {secret: {name: source}}
                data:
                - match: {secretKey: token, remoteRef: {remoteKey: app-token}}
                - match: {secretKey: token, remoteRef: {remoteKey: app, property: password}}
                """);
        Await.await().untilAsserted(() -> assertThat(records(ns))
                .anySatisfy(r -> assertThat(pushRecord(r, "PROVIDER_PUSH", "push", "app-token")).isTrue())
                .anySatisfy(r -> assertThat(pushRecord(r, "PROVIDER_PUSH", "push", "app")
                        && "password".equals(r.path("property").asText())).isTrue()));
        JsonNode pushed = records(ns).stream().filter(r -> pushRecord(r, "PROVIDER_PUSH", "push", "app-token"))
                .findFirst().orElseThrow();
        assertThat(pushed.path("store").asText()).isEqualTo("SecretStore/fake");
        assertThat(pushed.path("namespace").asText()).isEqualTo(ns);
        assertThat(pushed.path("outcome").asText()).isEqualTo("success");
        assertThat(pushed.path("time").asText()).isNotBlank();
        assertThat(pushed.has("property")).isFalse();

        // a refused push
        pushSecret(ns, "clash", """
                secretStoreRefs: [{name: fake}]
                selector: {secret: {name: source}}
                data:
                - match: {secretKey: token, remoteRef: {remoteKey: theirs, property: p}}
                """);
        Await.await().untilAsserted(() -> assertThat(records(ns)).anySatisfy(r -> {
            assertThat(pushRecord(r, "PROVIDER_PUSH", "clash", "theirs")).isTrue();
            assertThat(r.path("outcome").asText()).isEqualTo("failure: ProviderException");
        }));

        // the PushSecret goes once its status records both pushes: under Delete, what it pushed goes too
        Await.await().until(() -> client.resources(PushSecret.class).inNamespace(ns).withName("push").get(),
                p -> p.getStatus() != null && p.getStatus().syncedPushSecrets != null
                        && p.getStatus().syncedPushSecrets.getOrDefault("SecretStore/fake", Map.of()).size() == 2);
        client.resources(PushSecret.class).inNamespace(ns).withName("push").delete();
        Await.await().untilAsserted(() -> assertThat(records(ns))
                .anySatisfy(r -> assertThat(pushRecord(r, "PROVIDER_DELETE", "push", "app-token")
                        && "success".equals(r.path("outcome").asText())).isTrue())
                .anySatisfy(r -> assertThat(pushRecord(r, "PROVIDER_DELETE", "push", "app")
                        && "password".equals(r.path("property").asText())).isTrue()));

        assertThat(records(ns)).allSatisfy(r -> assertThat(r.toString()).doesNotContain(CANARY));
    }
}
