package dev.coffer.inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.zjsonpatch.JsonPatch;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** AdmissionReview v1 documents in, AdmissionReview responses out; the patch is applied to check the pod it makes. */
class AdmissionResponderTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final AgentSettings AGENT = new AgentSettings("ghcr.io/coffer-dev/coffer:0.1.0", "https://vault.vault:8200");
    static final AdmissionResponder FAIL = new AdmissionResponder(AGENT, Set.of("coffer-system", "kube-system"), true);
    static final AdmissionResponder IGNORE = new AdmissionResponder(AGENT, Set.of("coffer-system", "kube-system"), false);

    static JsonNode review(String ns, String annotations, String spec) throws Exception {
        return JSON.readTree("""
                {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
                 "request": {"uid": "705ab4f5-6393-11e8-b7cc-42010a800002",
                   "kind": {"group": "", "version": "v1", "kind": "Pod"},
                   "resource": {"group": "", "version": "v1", "resource": "pods"},
                   "namespace": "%s", "operation": "CREATE",
                   "object": {"apiVersion": "v1", "kind": "Pod",
                     "metadata": {"generateName": "billing-", "namespace": "%s", "annotations": %s},
                     "spec": %s}}}""".formatted(ns, ns, annotations, spec));
    }

    static final String ANNOTATIONS = """
            {"vault.hashicorp.com/agent-inject": "true", "vault.hashicorp.com/role": "billing",
             "vault.hashicorp.com/agent-inject-secret-database": "secret/data/billing/database"}""";

    static final String TWO_CONTAINERS = """
            {"containers": [
              {"name": "app", "image": "busybox", "volumeMounts": [
                {"name": "kube-api-access-x", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true}]},
              {"name": "proxy", "image": "envoy"}],
             "volumes": [{"name": "kube-api-access-x", "projected": {"sources": []}}]}""";

    static JsonNode patched(JsonNode review, JsonNode response) throws Exception {
        JsonNode patch = JSON.readTree(Base64.getDecoder().decode(response.at("/response/patch").asText()));
        return JsonPatch.apply(patch, review.at("/request/object"));
    }

    @Test
    void aPodThatAsksIsInjected() throws Exception {
        JsonNode review = review("apps", ANNOTATIONS, TWO_CONTAINERS);
        JsonNode response = FAIL.respond(review);
        assertThat(response.at("/apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(response.at("/response/uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        assertThat(response.at("/response/allowed").asBoolean()).isTrue();
        assertThat(response.at("/response/patchType").asText()).isEqualTo("JSONPatch");

        JsonNode pod = patched(review, response);
        assertThat(pod.at("/spec/volumes/1").toString()).isEqualTo("{\"name\":\"coffer-secrets\",\"emptyDir\":{\"medium\":\"Memory\"}}");
        for (int i = 0; i < 2; i++) {
            JsonNode mounts = pod.at("/spec/containers/" + i + "/volumeMounts");
            assertThat(mounts.get(mounts.size() - 1).toString())
                    .isEqualTo("{\"name\":\"coffer-secrets\",\"mountPath\":\"/vault/secrets\",\"readOnly\":true}");
        }
        JsonNode init = pod.at("/spec/initContainers/0");
        assertThat(init.at("/name").asText()).isEqualTo("coffer-agent-init");
        assertThat(init.at("/args").toString()).isEqualTo("[\"agent\",\"--init\"]");
        assertThat(init.at("/volumeMounts").toString()).contains("/var/run/secrets/kubernetes.io/serviceaccount")
                .contains("\"mountPath\":\"/vault/secrets\"");
        assertThat(pod.at("/spec/containers/2/name").asText()).isEqualTo("coffer-agent");
        assertThat(pod.at("/spec/containers/2/args").toString()).isEqualTo("[\"agent\",\"--sidecar\"]");
        assertThat(pod.at("/metadata/annotations/vault.hashicorp.com~1agent-inject-status").asText()).isEqualTo("injected");

        // Once injected, a second pass (reinvocation) changes nothing.
        JsonNode again = FAIL.respond(review("apps", pod.at("/metadata/annotations").toString(), pod.at("/spec").toString()));
        assertThat(again.at("/response/patch").isMissingNode()).isTrue();
    }

    @Test
    void prePopulateOnlyHasNoSidecar() throws Exception {
        JsonNode review = review("apps", ANNOTATIONS.replace("}", ", \"vault.hashicorp.com/agent-pre-populate-only\": \"true\"}"),
                "{\"containers\": [{\"name\": \"app\", \"image\": \"busybox\"}]}");
        JsonNode pod = patched(review, FAIL.respond(review));
        assertThat(pod.at("/spec/containers")).hasSize(1);
        assertThat(pod.at("/spec/initContainers")).hasSize(1);
        assertThat(pod.at("/spec/containers/0/volumeMounts/0/mountPath").asText()).isEqualTo("/vault/secrets");
    }

    @Test
    void excludedNamespacesAndPodsThatDoNotAskAreLeftAlone() throws Exception {
        for (String ns : new String[] {"coffer-system", "kube-system"}) {
            JsonNode response = FAIL.respond(review(ns, ANNOTATIONS, TWO_CONTAINERS));
            assertThat(response.at("/response/allowed").asBoolean()).isTrue();
            assertThat(response.at("/response/patch").isMissingNode()).as(ns).isTrue();
        }
        JsonNode plain = FAIL.respond(review("apps", "{}", TWO_CONTAINERS));
        assertThat(plain.at("/response/allowed").asBoolean()).isTrue();
        assertThat(plain.at("/response/patch").isMissingNode()).isTrue();
    }

    @Test
    void badAnnotationsAreRefusedOrAdmittedUntouchedWithAClearMessage() throws Exception {
        String bad = ANNOTATIONS.replace("\"vault.hashicorp.com/role\": \"billing\",", "");
        JsonNode refused = FAIL.respond(review("apps", bad, TWO_CONTAINERS));
        assertThat(refused.at("/response/allowed").asBoolean()).isFalse();
        assertThat(refused.at("/response/status/message").asText()).isEqualTo(
                "Coffer injection: vault.hashicorp.com/role is required with vault.hashicorp.com/agent-inject: \"true\"");
        assertThat(refused.at("/response/patch").isMissingNode()).isTrue();

        JsonNode admitted = IGNORE.respond(review("apps", bad, TWO_CONTAINERS));
        assertThat(admitted.at("/response/allowed").asBoolean()).isTrue();
        assertThat(admitted.at("/response/patch").isMissingNode()).as("never a half-mutated pod").isTrue();
        assertThat(admitted.at("/response/warnings/0").asText()).startsWith("Coffer injection skipped: vault.hashicorp.com/role");
    }

    @Test
    void noSecretValueIsInTheResponse() throws Exception {
        String canary = "canary-9a1c-injection-value";
        String spec = """
                {"containers": [{"name": "app", "image": "busybox", "env": [{"name": "X", "value": "%s"}]}]}"""
                .formatted(canary);
        JsonNode review = review("apps", ANNOTATIONS, spec);
        // the pod's own values are never copied into the agent's containers or the answer
        JsonNode response = FAIL.respond(review);
        String decoded = new String(Base64.getDecoder().decode(response.at("/response/patch").asText()), StandardCharsets.UTF_8);
        assertThat(response.toString() + decoded).doesNotContain(canary);
    }

    @Test
    void theTlsSecretIsMountedInTheAgentsOnlyAndTheTlsSettingsReachThem() throws Exception {
        String tls = ANNOTATIONS.substring(0, ANNOTATIONS.lastIndexOf('}')) + ", \"vault.hashicorp.com/tls-secret\": \"vault-tls\","
                + " \"vault.hashicorp.com/ca-cert\": \"/vault/tls/ca.crt\", \"vault.hashicorp.com/tls-server-name\": \"vault.internal\"}";
        JsonNode review = review("apps", tls, TWO_CONTAINERS);
        JsonNode pod = patched(review, FAIL.respond(review));
        assertThat(pod.at("/spec/volumes/2").toString()).isEqualTo("{\"name\":\"coffer-vault-tls\",\"secret\":{\"secretName\":\"vault-tls\"}}");
        for (String agent : new String[]{"/spec/initContainers/0", "/spec/containers/2"}) {
            assertThat(pod.at(agent + "/volumeMounts").toString())
                    .contains("{\"name\":\"coffer-vault-tls\",\"mountPath\":\"/vault/tls\",\"readOnly\":true}");
            JsonNode config = JSON.readTree(pod.at(agent + "/env/1/value").asText());
            assertThat(config.path("tls").toString())
                    .isEqualTo("{\"skipVerify\":false,\"caCert\":\"/vault/tls/ca.crt\",\"serverName\":\"vault.internal\",\"secretName\":\"vault-tls\"}");
        }
        assertThat(pod.at("/spec/containers/0/volumeMounts").toString()).doesNotContain("coffer-vault-tls");
    }
}
