package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.LogCapture;
import dev.coffer.testsupport.OperatorTest;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A canary secret value goes through a successful sync and through failures that touch the
 * value (a property of a non-JSON value, a bad base64 value, a NUL byte, a template's {@code fail}
 * and a JSON parse in {@code templateFrom}, an extract of a non-JSON value): it must appear in no
 * log line (at any level, stack traces included), event, or status.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class CanaryLeakTest extends OperatorTest {

    private static final String CANARY = "canary-Zx81-do-not-leak";

    @Test
    void theCanaryValueNeverLeaves() {
        String ns = newNamespace();
        try (LogCapture logs = new LogCapture()) {
            var store = dev.coffer.testsupport.TestResources.fakeStore(ns, "fake", Map.of("plain", CANARY, "nul", "x"));
            // YAML cannot carry a NUL byte, so it is set on the object.
            store.getSpec().provider.fake.data.stream().filter(d -> d.key.equals("nul")).forEach(d -> d.value = CANARY + "\u0000");
            client.resource(store).create();
            createExternalSecret(ns, "ok", """
                      data:
                      - secretKey: value
                        remoteRef:
                          key: plain
                    """);
            createExternalSecret(ns, "property", """
                      data:
                      - secretKey: value
                        remoteRef:
                          key: plain
                          property: field
                    """);
            createExternalSecret(ns, "decoding", """
                      data:
                      - secretKey: value
                        remoteRef:
                          key: plain
                          decodingStrategy: Base64
                    """);
            createExternalSecret(ns, "nulbyte", """
                      data:
                      - secretKey: value
                        remoteRef:
                          key: nul
                          nullBytePolicy: Fail
                    """);
            createExternalSecret(ns, "template", """
                      target:
                        template:
                          data: {x: '{{ fail .value }}'}
                      data:
                      - secretKey: value
                        remoteRef:
                          key: plain
                    """);
            createExternalSecret(ns, "templatefrom", """
                      target:
                        template:
                          templateFrom: [{literal: '{{ .value | mustFromJson }}'}]
                      data:
                      - secretKey: value
                        remoteRef:
                          key: plain
                    """);
            createExternalSecret(ns, "extract", """
                      dataFrom:
                      - extract:
                          key: plain
                    """);
            Await.synced(client, ns, "ok");
            Await.failing(client, ns, "template", "error calling fail");
            Await.failing(client, ns, "templatefrom", "error calling mustFromJson");
            Await.failing(client, ns, "extract", "is not valid JSON");
            Await.failing(client, ns, "property", "is not valid JSON");
            Await.failing(client, ns, "decoding", "is not valid Base64");
            Await.failing(client, ns, "nulbyte", "contains null bytes");

            for (String name : new String[] {"ok", "property", "decoding", "nulbyte", "template", "templatefrom", "extract"}) {
                ExternalSecret es = get(ns, name);
                assertThat(Serialization.asJson(es.getStatus())).doesNotContain(CANARY);
            }
            assertThat(client.v1().events().inNamespace(ns).list().getItems())
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(CANARY));
        }
    }

    /** The same for pushes: a successful push, and failing ones next to the value (a property into a non-JSON value). */
    @Test
    void theCanaryValueNeverLeavesThroughPushes() {
        String ns = newNamespace();
        try (LogCapture logs = new LogCapture()) {
            client.resource(dev.coffer.testsupport.TestResources.fakeStore(ns, "fake", Map.of("theirs", CANARY))).create();
            client.resource(dev.coffer.testsupport.TestResources.secret(ns, "source", Map.of("v", CANARY))).create();
            for (String[] push : new String[][] {{"ok", "pushed-canary", ""}, {"into-plain", "theirs", "property: field"}}) {
                client.resource(dev.coffer.testsupport.Manifests.parse("""
                        apiVersion: external-secrets.io/v1alpha1
                        kind: PushSecret
                        metadata: {name: %s, namespace: %s}
                        spec:
                          secretStoreRefs: [{name: fake}]
                          selector: {secret: {name: source}}
                          data:
                          - match:
                              secretKey: v
                              remoteRef:
                                remoteKey: %s
                                %s
                        """.formatted(push[0], ns, push[1], push[2]), dev.coffer.api.externalsecrets.v1alpha1.PushSecret.class)).create();
            }
            var pushSecrets = client.resources(dev.coffer.api.externalsecrets.v1alpha1.PushSecret.class).inNamespace(ns);
            Await.await().until(() -> readyReason(pushSecrets.withName("ok").get()).equals("Synced")
                    && readyReason(pushSecrets.withName("into-plain").get()).equals("Errored"));
            for (String name : new String[] {"ok", "into-plain"}) {
                assertThat(Serialization.asJson(pushSecrets.withName(name).get().getStatus())).doesNotContain(CANARY);
            }
            assertThat(client.v1().events().inNamespace(ns).list().getItems())
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(CANARY));
        }
    }

    /**
     * The same for generators: a Fake generator's value synced and fed to a failing template,
     * and Webhook generators whose endpoint answers the canary in a shape that is no object, or
     * in the body of an error status.
     */
    @Test
    void theCanaryValueNeverLeavesThroughGenerators() {
        String ns = newNamespace();
        try (LogCapture logs = new LogCapture(); var hook = new dev.coffer.testsupport.webhook.FakeWebhook()) {
            hook.answer(r -> r.rawPath().endsWith("/array")
                    ? dev.coffer.testsupport.webhook.FakeWebhook.Answer.json("[\"" + CANARY + "\"]")
                    : new dev.coffer.testsupport.webhook.FakeWebhook.Answer(500, "text/plain", CANARY));
            client.resource(dev.coffer.testsupport.Manifests.parse("""
                    apiVersion: generators.external-secrets.io/v1alpha1
                    kind: Fake
                    metadata: {name: fake-gen, namespace: %s}
                    spec: {data: {value: %s}}
                    """.formatted(ns, CANARY), dev.coffer.api.generators.v1alpha1.Fake.class)).create();
            for (String path : new String[] {"array", "error"}) {
                client.resource(dev.coffer.testsupport.Manifests.parse("""
                        apiVersion: generators.external-secrets.io/v1alpha1
                        kind: Webhook
                        metadata: {name: hook-%s, namespace: %s}
                        spec: {url: "%s/%s", result: {}}
                        """.formatted(path, ns, hook.baseUrl(), path), dev.coffer.api.generators.v1alpha1.Webhook.class)).create();
            }
            createExternalSecret(ns, "gen-ok", """
                      dataFrom:
                      - sourceRef: {generatorRef: {kind: Fake, name: fake-gen}}
                    """);
            createExternalSecret(ns, "gen-template", """
                      target:
                        template:
                          data: {x: '{{ fail .value }}'}
                      dataFrom:
                      - sourceRef: {generatorRef: {kind: Fake, name: fake-gen}}
                    """);
            for (String path : new String[] {"array", "error"}) {
                createExternalSecret(ns, "gen-" + path, """
                          dataFrom:
                          - sourceRef: {generatorRef: {kind: Webhook, name: hook-%s}}
                        """.formatted(path));
            }
            Await.synced(client, ns, "gen-ok");
            Await.failing(client, ns, "gen-template", "error calling fail");
            Await.failing(client, ns, "gen-array", "is not a JSON object");
            Await.failing(client, ns, "gen-error", "500");

            for (String name : new String[] {"gen-ok", "gen-template", "gen-array", "gen-error"}) {
                assertThat(Serialization.asJson(get(ns, name).getStatus())).doesNotContain(CANARY);
            }
            assertThat(client.v1().events().inNamespace(ns).list().getItems())
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(CANARY));
        }
    }

    private static String readyReason(dev.coffer.api.externalsecrets.v1alpha1.PushSecret ps) {
        if (ps == null || ps.getStatus() == null || ps.getStatus().conditions == null) {
            return "";
        }
        return ps.getStatus().conditions.stream().filter(c -> "Ready".equals(c.type)).map(c -> c.reason).findFirst().orElse("");
    }
}
