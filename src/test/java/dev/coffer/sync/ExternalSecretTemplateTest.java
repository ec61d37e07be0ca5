package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.OperatorTest;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.coffer.testsupport.TestResources.decoded;
import static dev.coffer.testsupport.TestResources.secret;
import static org.assertj.core.api.Assertions.assertThat;

/** ESO-style templates through the reconciler: template.data, templateFrom, rewrite.transform, errors. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ExternalSecretTemplateTest extends OperatorTest {

    @Test
    void templateFromConfigMapAndSecretWithEveryTargetAndScope() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("user", "alice", "pass", "p@ss"));
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("tpl").withNamespace(ns).endMetadata()
                .addToData("config.ini", "[db]\nuser={{ .user }}\n")
                .addToData("extra", "owner: \"{{ .user }}\"\nteam: payments\n")
                .build()).create();
        client.resource(secret(ns, "tpl-secret", Map.of("token", "{{ .user }}:{{ .pass | b64enc }}"))).create();
        createExternalSecret(ns, "tf", """
                  target:
                    template:
                      mergePolicy: Merge
                      templateFrom:
                      - configMap:
                          name: tpl
                          items:
                          - key: config.ini
                      - configMap:
                          name: tpl
                          items:
                          - key: extra
                            templateAs: KeysAndValues
                        target: Annotations
                      - secret:
                          name: tpl-secret
                          items:
                          - key: token
                      - literal: "level: {{ .user | upper }}"
                        target: Labels
                      data:
                        token: "overridden-by-data"
                  data:
                  - secretKey: user
                    remoteRef: {key: user}
                  - secretKey: pass
                    remoteRef: {key: pass}
                """);
        Await.synced(client, ns, "tf");
        Secret s = client.secrets().inNamespace(ns).withName("tf").get();
        assertThat(decoded(s, "config.ini")).isEqualTo("[db]\nuser=alice\n");
        assertThat(decoded(s, "token")).as("template.data wins over templateFrom").isEqualTo("overridden-by-data");
        assertThat(decoded(s, "user")).as("mergePolicy Merge keeps provider keys").isEqualTo("alice");
        assertThat(s.getMetadata().getAnnotations()).containsEntry("owner", "alice").containsEntry("team", "payments");
        assertThat(s.getMetadata().getLabels()).containsEntry("level", "ALICE");
    }

    @Test
    void rewriteTransformRenamesKeys() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("db", "{\"host\":\"h\",\"port\":\"1\"}"));
        createExternalSecret(ns, "tr", """
                  dataFrom:
                  - extract: {key: db}
                    rewrite:
                    - transform:
                        template: "DB_{{ .value | upper }}"
                """);
        Await.synced(client, ns, "tr");
        assertThat(client.secrets().inNamespace(ns).withName("tr").get().getData()).containsOnlyKeys("DB_HOST", "DB_PORT");
    }

    @Test
    void aTemplateErrorIsReportedWithItsPositionAndKeepsTheSecret() {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("user", "alice"));
        createExternalSecret(ns, "bad", """
                  target:
                    template:
                      data:
                        greeting: "hello {{ .user }}"
                  data:
                  - secretKey: user
                    remoteRef: {key: user}
                """);
        Await.synced(client, ns, "bad");
        client.resources(ExternalSecret.class).inNamespace(ns).withName("bad").edit(es -> {
            es.getSpec().target.template.data = Map.of("greeting", "hello {{ .user | nosuchfunc }}");
            return es;
        });
        Await.failing(client, ns, "bad", "template: data.greeting:1:");
        assertThat(decoded(client.secrets().inNamespace(ns).withName("bad").get(), "greeting")).isEqualTo("hello alice");
    }
}
