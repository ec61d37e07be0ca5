package dev.coffer.cli;

import dev.coffer.testsupport.webhook.FakeWebhook;
import dev.coffer.testsupport.webhook.FakeWebhook.Answer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/** render with a webhook store: the Secret the templates use comes from the files. */
class RenderWebhookTest {

    private final FakeWebhook hook = new FakeWebhook();

    @AfterEach
    void stop() {
        hook.close();
    }

    @Test
    void rendersFromTheWebhook(@TempDir Path dir) throws Exception {
        hook.answer(r -> "Bearer s3cret".equals(r.headers().get("Authorization"))
                ? Answer.json("{\"data\":{\"password\":\"from-hook\"}}") : new Answer(401, "text/plain", ""));
        Path file = dir.resolve("hook.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Secret
                metadata: {name: hook-creds, namespace: apps, labels: {external-secrets.io/type: webhook}}
                stringData: {token: s3cret}
                ---
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: hook, namespace: apps}
                spec:
                  provider:
                    webhook:
                      url: "%s/{{ .remoteRef.key }}"
                      headers: {Authorization: "Bearer {{ .creds.token }}"}
                      result: {jsonPath: $.data}
                      secrets:
                      - name: creds
                        secretRef: {name: hook-creds}
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: db, namespace: apps}
                spec:
                  secretStoreRef: {name: hook}
                  dataFrom:
                  - extract: {key: db}
                """.formatted(hook.baseUrl()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "render", "-f", file.toString(), "-o", "json");
        assertThat(code).as(err.toString()).isZero();
        assertThat(decoded(Serialization.unmarshal(out.toString(), Secret.class), "password")).isEqualTo("from-hook");
    }
}
