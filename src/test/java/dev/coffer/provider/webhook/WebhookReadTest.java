package dev.coffer.provider.webhook;

import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.webhook.FakeWebhook;
import dev.coffer.testsupport.webhook.FakeWebhook.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.coffer.testsupport.RemoteRefs.ref;
import static dev.coffer.testsupport.RemoteRefs.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** The webhook provider against a local endpoint: templates, escaping, JSONPath and upstream's result rules. */
class WebhookReadTest {

    private final FakeWebhook hook = new FakeWebhook();
    private final WebhookStores stores = new WebhookStores();

    @AfterEach
    void close() {
        hook.close();
    }

    @Test
    void theUrlSeesEscapedValuesAndTheBodyAndHeadersRawOnesWithTheNamedSecrets() {
        stores.webhookSecret("apps", "hook-creds", Map.of("token", "t0k/en"));
        hook.answer(r -> Answer.json("{\"value\":\"ok\"}"));
        SecretsClient client = stores.client("""
                url: "%s/secrets/{{ .remoteRef.key }}?v={{ .remoteRef.version }}&ns={{ .remoteRef.namespace }}"
                method: POST
                body: '{"key":"{{ .remoteRef.key }}","p":"{{ .remoteRef.property }}"}'
                headers:
                  Authorization: "Bearer {{ .creds.token }}"
                  Content-Type: application/json
                result: {jsonPath: $.value}
                secrets:
                - name: creds
                  secretRef: {name: hook-creds}
                """.formatted(hook.baseUrl()));
        assertThat(utf8(client.getSecret(ref("a b/c*~", "prop", "v1")))).isEqualTo("ok");
        FakeWebhook.Request r = hook.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.rawPath()).as("Go's url.QueryEscape").isEqualTo("/secrets/a+b%2Fc%2A~");
        assertThat(r.rawQuery()).isEqualTo("v=v1&ns=apps");
        assertThat(r.body()).isEqualTo("{\"key\":\"a b/c*~\",\"p\":\"prop\"}");
        assertThat(r.headers()).containsEntry("Authorization", "Bearer t0k/en").containsEntry("Content-Type", "application/json");
    }

    @Test
    void resultRulesFollowUpstream() {
        hook.answer(r -> Answer.json("""
                {"s":"text","n":3.7,"i":42,"half":2.5,"b":true,"z":null,
                 "list":["first","second"],"obj":{"b":1,"a":"<x>"},
                 "items":[{"name":"db","value":"pw-db"},{"name":"api","value":"pw-api"}]}
                """));
        SecretsClient client = stores.client("""
                url: "%s/all"
                result: {jsonPath: "$.{{ .remoteRef.property }}"}
                """.formatted(hook.baseUrl()));
        Map<String, String> expected = Map.of("s", "text", "n", "4", "i", "42", "half", "2", "b", "true", "z", "",
                "list", "first", "obj", "{\"a\":\"\\u003cx\\u003e\",\"b\":1}");
        expected.forEach((property, value) -> assertThat(utf8(client.getSecret(ref("k", property, null))))
                .as(property).isEqualTo(value));
        SecretsClient filtered = stores.client("""
                url: "%s/all"
                result: {jsonPath: "$.items[?(@.name == '{{ .remoteRef.key }}')].value"}
                """.formatted(hook.baseUrl()));
        assertThat(utf8(filtered.getSecret(ref("api")))).as("a filter gives a list: its first element").isEqualTo("pw-api");
    }

    @Test
    void withoutAJsonPathTheWholeAnswerIsTheValue() {
        hook.answer(r -> new Answer(200, "text/plain", "plain-value\n"));
        SecretsClient client = stores.client("url: \"%s/raw\"\n".formatted(hook.baseUrl()));
        assertThat(utf8(client.getSecret(ref("k")))).isEqualTo("plain-value\n");
        assertThat(hook.requests().get(0).method()).isEqualTo("GET");
    }

    @Test
    void extractSplitsTheObjectAtThePathEvenWhenItIsAJsonString() {
        hook.answer(r -> r.rawPath().endsWith("/obj") ? Answer.json("{\"data\":{\"user\":\"app\",\"port\":5432,\"tags\":[\"a\"]}}")
                : Answer.json("{\"data\":\"{\\\"user\\\":\\\"app\\\"}\"}"));
        SecretsClient client = stores.client("""
                url: "%s/{{ .remoteRef.key }}"
                result: {jsonPath: $.data}
                """.formatted(hook.baseUrl()));
        Map<String, byte[]> map = client.getSecretMap(ref("obj"));
        assertThat(utf8(map.get("user"))).isEqualTo("app");
        assertThat(utf8(map.get("port"))).isEqualTo("5432");
        assertThat(utf8(map.get("tags"))).isEqualTo("[\"a\"]");
        assertThat(utf8(client.getSecretMap(ref("str")).get("user"))).isEqualTo("app");
    }

    @Test
    void identicalReferencesShareOneCallWithinTheWindow() {
        hook.answer(r -> Answer.json("{\"a\":\"1\",\"b\":\"2\"}"));
        SecretsClient client = stores.provider(Duration.ofSeconds(30)).newClient(stores.context("url: \"%s/x\"\n".formatted(hook.baseUrl())));
        client.getSecret(ref("k"));
        client.getSecretMap(ref("k"));
        client.getSecret(ref("other"));
        assertThat(hook.requests()).hasSize(2);
    }
}
