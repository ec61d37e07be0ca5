package dev.coffer.inject.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.inject.AdmissionResponder;
import dev.coffer.inject.AgentSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook over real HTTPS: AdmissionReview documents posted as the API server posts them. */
class WebhookServerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CANARY = "canary-9f1c2a-value";
    static final WebhookCertificates CERTS = new WebhookCertificates(List.of("localhost", "127.0.0.1"),
            Duration.ofDays(30), Duration.ofDays(365), Duration.ofDays(5));

    WebhookServer server;
    WebhookCertificates.Bundle bundle;

    @BeforeEach
    void start() throws Exception {
        server = new WebhookServer(new AdmissionResponder(new AgentSettings("coffer:test", "https://vault:8200"),
                Set.of("coffer-system", "kube-system"), true), "127.0.0.1", 0);
        bundle = CERTS.renew(Optional.empty(), Instant.now(), new SecureRandom());
        server.useKey(bundle.servingKey(), bundle.serving());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static HttpClient trusting(X509Certificate ca) throws Exception {
        return dev.coffer.testsupport.TlsClients.trusting(ca);
    }

    HttpResponse<String> post(HttpClient http, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String review(String ns, String annotations) {
        return """
                {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
                 "request": {"uid": "u-1", "kind": {"group": "", "version": "v1", "kind": "Pod"},
                   "namespace": "%s", "operation": "CREATE",
                   "object": {"metadata": {"name": "p", "annotations": %s},
                     "spec": {"containers": [{"name": "app", "image": "busybox",
                       "env": [{"name": "PASSWORD", "value": "%s"}]}]}}}}""".formatted(ns, annotations, CANARY);
    }

    static final String ASKS = """
            {"vault.hashicorp.com/agent-inject": "true", "vault.hashicorp.com/role": "app",
             "vault.hashicorp.com/agent-inject-secret-db": "secret/data/app/db"}""";

    @Test
    void aPodThatAsksComesBackWithAPatchOverTls() throws Exception {
        HttpResponse<String> r = post(trusting(bundle.caChain().get(0)), WebhookServer.PATH, review("apps", ASKS));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.at("/kind").asText()).isEqualTo("AdmissionReview");
        assertThat(answer.at("/response/uid").asText()).isEqualTo("u-1");
        assertThat(answer.at("/response/allowed").asBoolean()).isTrue();
        String patch = new String(Base64.getDecoder().decode(answer.at("/response/patch").asText()), StandardCharsets.UTF_8);
        assertThat(patch).contains("coffer-agent-init").contains("secret/data/app/db");
        // canary: the pod's own values never come back in the response
        assertThat(r.body() + patch).doesNotContain(CANARY);
    }

    @Test
    void theOperatorsNamespaceAndKubeSystemAreNeverMutated() throws Exception {
        HttpClient http = trusting(bundle.caChain().get(0));
        for (String ns : List.of("coffer-system", "kube-system")) {
            JsonNode answer = JSON.readTree(post(http, WebhookServer.PATH, review(ns, ASKS)).body());
            assertThat(answer.at("/response/allowed").asBoolean()).isTrue();
            assertThat(answer.at("/response").has("patch")).as(ns).isFalse();
        }
    }

    @Test
    void aBadAnnotationIsRefusedWithOneLineAndNoPatch() throws Exception {
        JsonNode answer = JSON.readTree(post(trusting(bundle.caChain().get(0)), WebhookServer.PATH,
                review("apps", "{\"vault.hashicorp.com/agent-inject\": \"true\"}")).body());
        assertThat(answer.at("/response/allowed").asBoolean()).isFalse();
        assertThat(answer.at("/response/status/message").asText())
                .isEqualTo("Coffer injection: vault.hashicorp.com/role is required with vault.hashicorp.com/agent-inject: \"true\"");
        assertThat(answer.at("/response").has("patch")).isFalse();
    }

    @Test
    void malformedBodiesGetAOneLine400() throws Exception {
        HttpClient http = trusting(bundle.caChain().get(0));
        HttpResponse<String> r = post(http, WebhookServer.PATH, "{not json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body().strip()).isEqualTo("not an AdmissionReview: malformed JSON");
        assertThat(post(http, WebhookServer.PATH, "{\"kind\": \"AdmissionReview\"}").statusCode()).isEqualTo(400);
        assertThat(post(http, "/other", review("apps", ASKS)).statusCode()).isEqualTo(404);
    }

    @Test
    void aRotatedKeyIsServedFromTheNextHandshake() throws Exception {
        HttpClient oldTrust = trusting(bundle.caChain().get(0));
        assertThat(post(oldTrust, WebhookServer.PATH, review("apps", ASKS)).statusCode()).isEqualTo(200);
        WebhookCertificates.Bundle other = CERTS.renew(Optional.empty(), Instant.now(), new SecureRandom());
        server.useKey(other.servingKey(), other.serving());

        assertThat(post(trusting(other.caChain().get(0)), WebhookServer.PATH, review("apps", ASKS)).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> post(trusting(bundle.caChain().get(0)), WebhookServer.PATH, review("apps", ASKS)))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theVaultAddressComesFromTheServiceAnnotationOrTheOperatorSetting() throws Exception {
        HttpClient http = trusting(bundle.caChain().get(0));
        String withService = ASKS.replace("}", ", \"vault.hashicorp.com/service\": \"https://vault.team-a:8200\"}");
        JsonNode answer = JSON.readTree(post(http, WebhookServer.PATH, review("apps", withService)).body());
        assertThat(new String(Base64.getDecoder().decode(answer.at("/response/patch").asText()), StandardCharsets.UTF_8))
                .contains("\"name\":\"VAULT_ADDR\",\"value\":\"https://vault.team-a:8200\"");

        try (WebhookServer noAddress = new WebhookServer(new AdmissionResponder(new AgentSettings("coffer:test", ""),
                Set.of("coffer-system"), true), "127.0.0.1", 0)) {
            noAddress.useKey(bundle.servingKey(), bundle.serving());
            noAddress.start();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + noAddress.port() + WebhookServer.PATH))
                    .POST(HttpRequest.BodyPublishers.ofString(review("apps", ASKS))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(r.body()).at("/response/status/message").asText())
                    .isEqualTo("Coffer injection: vault.hashicorp.com/service is required: the operator has no coffer.inject.vault-address");
        }
    }
}
