package dev.coffer.provider.webhook;

import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.LogCapture;
import dev.coffer.testsupport.OperatorTest;
import dev.coffer.testsupport.TestResources;
import dev.coffer.testsupport.webhook.FakeWebhook;
import dev.coffer.testsupport.webhook.FakeWebhook.Answer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/** A webhook store through the operator on the mock API server, calling a local endpoint; the canary never leaves. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class WebhookOperatorTest extends OperatorTest {

    private static final String CANARY = "canary-webhook-op-Rr2-do-not-leak";

    private final FakeWebhook hook = new FakeWebhook();

    @AfterEach
    void stop() {
        hook.close();
    }

    @Test
    void syncsThroughTheWebhookAndKeepsTheCanaryInTheSecretOnly() {
        hook.answer(r -> switch (r.rawPath()) {
            case "/secrets/db" -> Answer.json("{\"value\":\"" + CANARY + "\",\"config\":{\"mode\":\"live\"}}");
            case "/secrets/broken" -> new Answer(500, "text/plain", "trace with " + CANARY);
            default -> new Answer(404, "text/plain", CANARY);
        });
        String ns = newNamespace();
        client.resource(new SecretBuilder().withNewMetadata().withNamespace(ns).withName("hook-creds")
                .addToLabels("external-secrets.io/type", "webhook").endMetadata()
                .withStringData(Map.of("token", CANARY)).build()).create();
        client.resource(TestResources.secretStore(ns, "hook", """
                webhook:
                  url: "%s/secrets/{{ .remoteRef.key }}"
                  headers: {Authorization: "Bearer {{ .creds.token }}"}
                  result: {jsonPath: "$.{{ .remoteRef.property }}"}
                  secrets:
                  - name: creds
                    secretRef: {name: hook-creds}
                """.formatted(hook.baseUrl()))).create();
        try (LogCapture logs = new LogCapture()) {
            for (String[] es : new String[][]{{"ok", "db"}, {"broken", "broken"}}) {
                createExternalSecret(ns, es[0], "1h", """
                          secretStoreRef: {name: hook, kind: SecretStore}
                          data:
                          - secretKey: v
                            remoteRef: {key: %s, property: value}
                          dataFrom:
                          - extract: {key: %s, property: config}
                        """.formatted(es[1], es[1]));
            }
            Await.synced(client, ns, "ok");
            var secret = client.secrets().inNamespace(ns).withName("ok").get();
            assertThat(decoded(secret, "v")).isEqualTo(CANARY);
            assertThat(decoded(secret, "mode")).isEqualTo("live");
            assertThat(hook.requests().get(0).headers()).containsEntry("Authorization", "Bearer " + CANARY);
            Await.failing(client, ns, "broken", "HTTP 500");
            for (String name : new String[] {"ok", "broken"}) {
                assertThat(Serialization.asJson(get(ns, name).getStatus())).doesNotContain(CANARY);
            }
            assertThat(client.v1().events().inNamespace(ns).list().getItems()).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(CANARY));
        }
    }
}
