package dev.coffer.inject.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.inject.AdmissionResponder;
import dev.coffer.inject.AgentSettings;
import dev.coffer.testsupport.Manifests;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.coffer.inject.render.RenderFixture.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** examples/pods/30-coffer-inject-deployment.yaml: its pod is mutated, and the operator serves it its two files from the example's store. */
class CofferInjectExampleTest {

    static final Path EXAMPLE = Path.of("examples", "pods", "30-coffer-inject-deployment.yaml");

    @TempDir
    Path tmp;
    RenderFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new RenderFixture(tmp.resolve("audit.jsonl"));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void theExamplesPodIsInjectedAndServedItsFiles() throws Exception {
        List<String> docs = List.of(Files.readString(EXAMPLE).split("(?m)^---$"));
        SecretStore store = Manifests.parse(docs.get(0), SecretStore.class);
        Deployment d = Manifests.parse(docs.get(1), Deployment.class);
        var template = d.getSpec().getTemplate();

        var review = JSON.createObjectNode();
        var request = review.putObject("request").put("uid", "example").put("namespace", "pods-demo");
        request.putObject("kind").put("kind", "Pod");
        request.set("object", JSON.valueToTree(template));
        JsonNode answer = new AdmissionResponder(new AgentSettings("coffer:example", "", "https://coffer-webhook.coffer-system.svc"
                + RenderHandler.PATH, () -> "ca", RenderFixture.AUDIENCE), Set.of("coffer-system", "kube-system"), true).respond(review);
        String patch = new String(Base64.getDecoder().decode(answer.at("/response/patch").asText()), StandardCharsets.UTF_8);
        assertThat(patch).contains("coffer-agent-init", "\"mountPath\":\"/coffer/secrets\"", "\"audience\":\"coffer-inject\"");

        // the store, Ready as its reconciler leaves it, and a running pod of the Deployment
        store.setStatus(new dev.coffer.api.externalsecrets.v1.SecretStoreStatus());
        var ready = new dev.coffer.api.externalsecrets.v1.Condition();
        ready.type = "Ready";
        ready.status = "True";
        store.getStatus().conditions = List.of(ready);
        f.client.resource(store).create();
        Map<String, String> annotations = new HashMap<>(template.getMetadata().getAnnotations());
        annotations.put("coffer.dev/inject-status", "injected");
        f.pod("pods-demo", "billing-files-7c9d", "default", annotations, "example-token");

        HttpResponse<String> r = RenderEndpointTest.trusting(f).send(HttpRequest.newBuilder(URI.create(f.url()))
                .header("Authorization", "Bearer example-token").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(RenderEndpointTest.contents(r)).containsOnly(
                Map.entry("database 0400", "export DB_USERNAME=\"billing\"\nexport DB_PASSWORD=\"not-a-real-password\"\n"),
                Map.entry("api/token", "not-a-real-token"));
    }
}
