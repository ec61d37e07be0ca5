package dev.coffer.generator.webhook;

import dev.coffer.api.externalsecrets.v1.providers.WebhookProvider;
import dev.coffer.generator.GeneratorContext;
import dev.coffer.generator.ResolvedGenerator;
import dev.coffer.provider.ProviderException;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.Manifests;
import dev.coffer.testsupport.webhook.FakeWebhook;
import dev.coffer.testsupport.webhook.FakeWebhook.Answer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Webhook generator against a local endpoint, through the webhook provider's code. */
class WebhookGeneratorTest {

    private final FakeWebhook hook = new FakeWebhook();
    private final InMemoryKube kube = new InMemoryKube();

    @AfterEach
    void close() {
        hook.close();
    }

    private Map<String, String> generate(String spec, boolean cluster) {
        WebhookProvider parsed = Manifests.parse("""
                apiVersion: generators.external-secrets.io/v1alpha1
                kind: Webhook
                metadata: {name: minter, namespace: apps}
                spec:
                """ + spec.indent(2), dev.coffer.api.generators.v1alpha1.Webhook.class).getSpec();
        ResolvedGenerator g = new ResolvedGenerator("Webhook", "minter", cluster, 1, parsed, "f");
        Map<String, String> out = new TreeMap<>();
        new WebhookGenerator(new SimpleMeterRegistry()).generate(g, new GeneratorContext("apps", kube, null)).values()
                .forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void theAnswerObjectBecomesTheValuesAndTheTemplatesSeeTheNamedSecrets() {
        kube.secret(new SecretBuilder().withNewMetadata().withNamespace("apps").withName("minter-auth")
                .addToLabels("external-secrets.io/type", "webhook").endMetadata().withStringData(Map.of("token", "s3cret")).build());
        hook.answer(r -> Answer.json("{\"data\":{\"user\":\"u-1\",\"password\":\"p-1\",\"ttl\":3600}}"));
        Map<String, String> out = generate("""
                url: "%s/mint?ns={{ .remoteRef.namespace }}"
                method: POST
                body: '{"for":"coffer"}'
                headers: {Authorization: "Bearer {{ .auth.token }}"}
                result: {jsonPath: $.data}
                secrets:
                - name: auth
                  secretRef: {name: minter-auth}
                """.formatted(hook.baseUrl()), false);
        assertThat(out).containsExactlyEntriesOf(new TreeMap<>(Map.of("user", "u-1", "password", "p-1", "ttl", "3600")));
        FakeWebhook.Request r = hook.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.rawQuery()).isEqualTo("ns=apps");
        assertThat(r.body()).isEqualTo("{\"for\":\"coffer\"}");
        assertThat(r.headers()).containsEntry("Authorization", "Bearer s3cret");
    }

    @Test
    void eachGenerationCallsTheEndpointAgain() {
        int[] n = {0};
        hook.answer(r -> Answer.json("{\"token\":\"t-" + (++n[0]) + "\"}"));
        String spec = "url: \"%s/token\"\nresult: {}\n".formatted(hook.baseUrl());
        assertThat(generate(spec, false)).containsEntry("token", "t-1");
        assertThat(generate(spec, false)).containsEntry("token", "t-2");
    }

    @Test
    void anAnswerThatIsNoObjectOrAnErrorStatusIsAClearErrorWithoutTheBody() {
        hook.answer(r -> Answer.json("[\"not-an-object-secret\"]"));
        String spec = "url: \"%s/x\"\n".formatted(hook.baseUrl());
        assertThatThrownBy(() -> generate(spec, false)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("Webhook apps/minter").hasMessageContaining("is not a JSON object")
                .hasMessageNotContaining("not-an-object-secret");
        hook.answer(r -> new Answer(500, "text/plain", "boom-secret"));
        assertThatThrownBy(() -> generate(spec, false)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("500").hasMessageNotContaining("boom-secret");
    }

    @Test
    void aNamespacedWebhookMayNotReadSecretsOfAnotherNamespace() {
        String spec = """
                url: "%s/x"
                secrets:
                - name: auth
                  secretRef: {name: other, namespace: kube-system}
                """.formatted(hook.baseUrl());
        assertThatThrownBy(() -> generate(spec, false)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("may only reference Secrets in its own namespace");
        assertThat(hook.requests()).isEmpty();
    }
}
