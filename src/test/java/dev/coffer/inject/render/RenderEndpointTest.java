package dev.coffer.inject.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.inject.webhook.WebhookServer;
import io.fabric8.kubernetes.api.model.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.coffer.inject.render.RenderFixture.CANARY;
import static dev.coffer.inject.render.RenderFixture.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** The render endpoint over real HTTPS, as a pod's agent calls it, against a mock API server. */
class RenderEndpointTest {

    static final String DB = "{\"username\": \"app\", \"password\": \"" + CANARY + "\"}";
    static final String DATA = """
            - {key: apps/db, value: '%s'}
            - {key: apps/api-key, value: %s-api}
            - {key: apps/api-key, value: %s-old, version: v1}
            """.formatted(DB, CANARY, CANARY);

    @TempDir
    Path tmp;
    RenderFixture f;
    HttpClient http;

    @BeforeEach
    void start() throws Exception {
        f = new RenderFixture(tmp.resolve("audit.jsonl"));
        f.secretStore("apps", "fake", DATA);
        f.secretStore("other", "fake", DATA);
        f.clusterStore("shared", "[{namespaces: [apps]}]", DATA);
        f.clusterStore("others-only", "[{namespaces: [other]}]", DATA);
        http = trusting(f);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    static HttpClient trusting(RenderFixture f) throws Exception {
        return dev.coffer.testsupport.TlsClients.trusting(f.bundle.caChain().get(0));
    }

    HttpResponse<String> render(String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(f.url())).POST(HttpRequest.BodyPublishers.ofString(
                "{\"files\": [\"ask-for-more\"]}"));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> annotations(String... kv) {
        Map<String, String> a = new HashMap<>();
        a.put("coffer.dev/inject", "true");
        a.put("coffer.dev/inject-status", "injected");
        for (int i = 0; i < kv.length; i += 2) {
            a.put(kv[i], kv[i + 1]);
        }
        return a;
    }

    static Map<String, String> contents(HttpResponse<String> r) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (JsonNode file : JSON.readTree(r.body()).path("files")) {
            out.put(file.path("fileName").asText() + (file.has("perms") ? " " + file.path("perms").asText() : ""),
                    new String(Base64.getDecoder().decode(file.path("content").asText()), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void aPodGetsExactlyTheFilesItsOwnAnnotationsName() throws Exception {
        f.pod("apps", "web", "web-sa", annotations(
                "coffer.dev/inject-secret-db", "fake/apps/db",
                "coffer.dev/inject-template-db", "export DB_USER={{ .username }}\nexport DB_PASSWORD={{ .password }}\n",
                "coffer.dev/inject-file-db", "db.env",
                "coffer.dev/inject-perms-db", "0400",
                "coffer.dev/inject-secret-pw", "SecretStore/fake/apps/db",
                "coffer.dev/inject-property-pw", "password",
                "coffer.dev/inject-secret-key", "ClusterSecretStore/shared/apps/api-key",
                "coffer.dev/inject-secret-old", "fake/apps/api-key",
                "coffer.dev/inject-version-old", "v1",
                "coffer.dev/inject-secret-raw", "fake/apps/db",
                "coffer.dev/inject-template-raw", "{{ .value | b64enc }}"), "token-web");
        HttpResponse<String> r = render("token-web");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(contents(r)).containsOnly(
                Map.entry("db.env 0400", "export DB_USER=app\nexport DB_PASSWORD=" + CANARY + "\n"),
                Map.entry("pw", CANARY),
                Map.entry("key", CANARY + "-api"),
                Map.entry("old", CANARY + "-old"),
                Map.entry("raw", Base64.getEncoder().encodeToString(DB.getBytes(StandardCharsets.UTF_8))));
        // the token was reviewed for Coffer's audience only
        assertThat(f.audiences).containsOnly(RenderFixture.AUDIENCE);
        assertThat(f.meters.get("coffer_inject_renders_total").tags("namespace", "apps", "outcome", "success").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void withoutAValidBoundTokenNothingIsServed() throws Exception {
        String uid = f.pod("apps", "web", "web-sa", annotations("coffer.dev/inject-secret-db", "fake/apps/db"), "token-web")
                .getMetadata().getUid();
        for (String token : new String[]{null, "", "not-a-token"}) {
            HttpResponse<String> r = render(token);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(r.body()).path("error").asText())
                    .isEqualTo("a bound service-account token for audience of Coffer's injection is required");
        }
        // a token of a pod that is gone (or was replaced by one of the same name) serves nothing
        f.boundToken("token-gone", "apps", "web-sa", "web", "uid-of-an-older-web");
        assertThat(render("token-gone").statusCode()).isEqualTo(403);
        // another service account's token bound to this pod's name: refused
        f.boundToken("token-sa", "apps", "other-sa", "web", uid);
        assertThat(JSON.readTree(render("token-sa").body()).path("error").asText())
                .isEqualTo("the token's service account is not pod web's");
        // a pod without coffer.dev/inject gets nothing, whatever it carries
        f.pod("apps", "plain", "default", Map.of("coffer.dev/inject-secret-db", "fake/apps/db"), "token-plain");
        assertThat(JSON.readTree(render("token-plain").body()).path("error").asText())
                .isEqualTo("pod plain does not ask for coffer.dev/inject");
        // the operator's namespace and kube-system are never served
        f.pod("coffer-system", "sneaky", "default", annotations("coffer.dev/inject-secret-db", "fake/apps/db"), "token-sneaky");
        assertThat(render("token-sneaky").statusCode()).isEqualTo(403);
    }

    @Test
    void storesAreOnlyThoseThePodsNamespaceMayUse() throws Exception {
        // a SecretStore of another namespace is not found from here; a ClusterSecretStore must admit the namespace
        f.pod("apps", "web", "default", annotations("coffer.dev/inject-secret-x", "ClusterSecretStore/others-only/apps/db"), "t1");
        HttpResponse<String> r = render("t1");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("file x (ClusterSecretStore/others-only, key apps/db): "
                + "ClusterSecretStore \"others-only\" does not allow namespace \"apps\" (spec.conditions)");

        f.pod("third", "web", "default", annotations("coffer.dev/inject-secret-x", "fake/apps/db"), "t2");
        HttpResponse<String> missing = render("t2");
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(missing.body()).path("error").asText())
                .isEqualTo("file x (SecretStore/fake, key apps/db): SecretStore \"fake\" not found in namespace \"third\"");

        // all or nothing: one bad file, no file
        f.pod("apps", "mixed", "default", annotations("coffer.dev/inject-secret-a", "fake/apps/db",
                "coffer.dev/inject-secret-b", "fake/apps/nope"), "t3");
        HttpResponse<String> partly = render("t3");
        assertThat(partly.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(partly.body()).has("files")).isFalse();
        assertThat(JSON.readTree(partly.body()).path("error").asText()).startsWith("file b (SecretStore/fake, key apps/nope): ");

        // each failure is a Warning event on the pod, in the same line
        List<Event> events = f.client.v1().events().inNamespace("apps").list().getItems();
        assertThat(events).extracting(Event::getReason).containsOnly("InjectionFailed");
        assertThat(events).extracting(e -> e.getInvolvedObject().getName()).contains("web", "mixed");
    }

    @Test
    void everyInjectionIsAuditedByNameAndNothingLeaksAValue() throws Exception {
        try (var logs = dev.coffer.testsupport.LogCapture.start()) {
            f.pod("apps", "web", "default", annotations("coffer.dev/inject-secret-db", "fake/apps/db",
                    "coffer.dev/inject-template-db", "{{ .password }}", "coffer.dev/inject-file-db", "db.txt"), "ok");
            assertThat(render("ok").body()).contains(Base64.getEncoder().encodeToString(CANARY.getBytes(StandardCharsets.UTF_8)));
            // a template that fails over a value: its message is redacted
            f.pod("apps", "bad", "default", annotations("coffer.dev/inject-secret-db", "fake/apps/db",
                    "coffer.dev/inject-template-db", "{{ .password | fail }}"), "bad");
            HttpResponse<String> bad = render("bad");
            assertThat(bad.statusCode()).isEqualTo(422);
            f.pod("apps", "tpl", "default", annotations("coffer.dev/inject-secret-db", "fake/apps/db",
                    "coffer.dev/inject-template-db", "{{ index .password 99 }}"), "tpl");
            HttpResponse<String> tpl = render("tpl");
            assertThat(tpl.statusCode()).isEqualTo(422);
            // an admission review through the same listener
            String review = """
                    {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
                     "request": {"uid": "u", "kind": {"kind": "Pod"}, "namespace": "apps",
                       "object": {"metadata": {"annotations": {"coffer.dev/inject": "true",
                         "coffer.dev/inject-secret-db": "fake/apps/db"}},
                         "spec": {"containers": [{"name": "a", "env": [{"name": "P", "value": "%s"}]}]}}}}""".formatted(CANARY);
            HttpResponse<String> admitted = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + f.server.port()
                    + WebhookServer.PATH)).POST(HttpRequest.BodyPublishers.ofString(review)).build(), HttpResponse.BodyHandlers.ofString());
            String patch = new String(Base64.getDecoder().decode(JSON.readTree(admitted.body()).at("/response/patch").asText()),
                    StandardCharsets.UTF_8);

            String audit = Files.readString(tmp.resolve("audit.jsonl"));
            List<JsonNode> records = new java.util.ArrayList<>();
            for (String line : audit.lines().toList()) {
                records.add(JSON.readTree(line));
            }
            assertThat(records).anySatisfy(j -> {
                assertThat(j.path("action").asText()).isEqualTo("INJECT");
                assertThat(j.path("namespace").asText()).isEqualTo("apps");
                assertThat(j.path("kind").asText()).isEqualTo("Pod");
                assertThat(j.path("name").asText()).isEqualTo("web");
                assertThat(j.path("store").asText()).isEqualTo("SecretStore/fake");
                assertThat(j.path("remoteKey").asText()).isEqualTo("apps/db");
                assertThat(j.path("secret").asText()).isEqualTo("db.txt");
                assertThat(j.path("outcome").asText()).isEqualTo("success");
            });
            assertThat(audit.lines()).anySatisfy(l -> assertThat(l).contains("\"name\":\"bad\"").contains("\"outcome\":\"failure: "));

            String events = f.client.v1().events().inNamespace("apps").list().getItems().stream()
                    .map(e -> e.getReason() + " " + e.getMessage()).toList().toString();
            String metrics = f.meters.getMeters().stream().map(m -> m.getId().toString()).toList().toString();
            assertThat(events).contains("InjectionFailed");
            assertThat(metrics).contains("coffer_inject_renders_total").contains("coffer_inject_admissions_total");
            for (String place : List.of(bad.body(), tpl.body(), admitted.body(), patch, audit, events, metrics,
                    String.join("\n", logs.lines()))) {
                assertThat(place).doesNotContain(CANARY);
            }
        }
    }
}
