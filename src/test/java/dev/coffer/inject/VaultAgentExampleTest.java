package dev.coffer.inject;

import dev.coffer.testsupport.Manifests;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Vault-agent example's annotations are read as the Vault injector reads them. */
class VaultAgentExampleTest {

    @Test
    void theExamplesAnnotationsAreAccepted() throws Exception {
        Deployment d = Manifests.parse(Files.readString(Path.of("examples", "pods", "20-vault-agent-deployment.yaml")),
                Deployment.class);
        InjectionSpec spec = VaultAnnotations.read(d.getSpec().getTemplate().getMetadata().getAnnotations()).orElseThrow();
        assertThat(spec.role()).isEqualTo("billing");
        assertThat(spec.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("secret/data/billing/database");
            assertThat(f.fileName()).isEqualTo("database");
            assertThat(f.perms()).isEqualTo("0400");
            assertThat(f.template()).contains("{{- with secret \"secret/data/billing/database\" -}}", ".Data.data.password");
        });
    }

    @Test
    void theExamplesPodIsMutatedByTheWebhookAnswer() throws Exception {
        Deployment d = Manifests.parse(Files.readString(Path.of("examples", "pods", "20-vault-agent-deployment.yaml")),
                Deployment.class);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var review = json.createObjectNode();
        var request = review.putObject("request").put("uid", "example").put("namespace", "pods-demo");
        request.putObject("kind").put("kind", "Pod");
        request.set("object", json.valueToTree(d.getSpec().getTemplate()));
        var answer = new AdmissionResponder(new AgentSettings("coffer:example", "https://vault.vault:8200"),
                java.util.Set.of("coffer-system", "kube-system"), true).respond(review);
        assertThat(answer.at("/response/allowed").asBoolean()).isTrue();
        String patch = new String(java.util.Base64.getDecoder().decode(answer.at("/response/patch").asText()),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(patch).contains("coffer-agent-init", "\"mountPath\":\"/vault/secrets\"", "secret/data/billing/database");
    }
}
