package dev.coffer.inject;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.coffer.inject.AdmissionResponderTest.TWO_CONTAINERS;
import static dev.coffer.inject.AdmissionResponderTest.patched;
import static dev.coffer.inject.AdmissionResponderTest.review;
import static org.assertj.core.api.Assertions.assertThat;

/** The webhook's answer for pods with Coffer's own annotations: the agent asks the operator, with a projected token. */
class StoreInjectionAdmissionTest {

    static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    static final AgentSettings AGENT = new AgentSettings("coffer:1", "https://vault:8200",
            "https://coffer-webhook.coffer-system.svc/inject/v1/render", () -> CA, "coffer-inject");
    static final AdmissionResponder FAIL = new AdmissionResponder(AGENT, Set.of("coffer-system", "kube-system"), true);

    static final String ANNOTATIONS = """
            {"coffer.dev/inject": "true", "coffer.dev/inject-secret-db": "aws/prod/db",
             "coffer.dev/inject-template-db": "{{ .password }}"}""";

    @Test
    void thePodGetsAnAgentThatAsksTheOperatorWithAShortLivedTokenOfCoffersAudience() throws Exception {
        JsonNode review = review("apps", ANNOTATIONS, TWO_CONTAINERS);
        JsonNode pod = patched(review, FAIL.respond(review));
        assertThat(pod.at("/spec/volumes/1").toString()).isEqualTo("{\"name\":\"coffer-secrets\",\"emptyDir\":{\"medium\":\"Memory\"}}");
        assertThat(pod.at("/spec/volumes/2").toString()).isEqualTo("{\"name\":\"coffer-token\",\"projected\":{\"sources\":"
                + "[{\"serviceAccountToken\":{\"audience\":\"coffer-inject\",\"expirationSeconds\":600,\"path\":\"token\"}}]}}");
        for (int i = 0; i < 2; i++) {
            JsonNode mounts = pod.at("/spec/containers/" + i + "/volumeMounts");
            assertThat(mounts.get(mounts.size() - 1).toString())
                    .isEqualTo("{\"name\":\"coffer-secrets\",\"mountPath\":\"/coffer/secrets\",\"readOnly\":true}");
            assertThat(mounts.toString()).as("app containers never see Coffer's token").doesNotContain("coffer-token");
        }
        for (JsonNode agent : new JsonNode[]{pod.at("/spec/initContainers/0"), pod.at("/spec/containers/2")}) {
            assertThat(agent.at("/env").toString()).isEqualTo("[{\"name\":\"COFFER_INJECT_URL\",\"value\":"
                    + "\"https://coffer-webhook.coffer-system.svc/inject/v1/render\"},{\"name\":\"COFFER_INJECT_CA\",\"value\":"
                    + jsonString(CA) + "},{\"name\":\"COFFER_AGENT_CONFIG\",\"value\":"
                    + jsonString("{\"volumePath\":\"/coffer/secrets\",\"prePopulateOnly\":false}") + "}]");
            assertThat(agent.at("/volumeMounts").toString()).isEqualTo("[{\"name\":\"coffer-secrets\",\"mountPath\":\"/coffer/secrets\"},"
                    + "{\"name\":\"coffer-token\",\"mountPath\":\"/var/run/secrets/coffer.dev/serviceaccount\",\"readOnly\":true}]");
        }
        assertThat(pod.at("/spec/initContainers/0/name").asText()).isEqualTo("coffer-agent-init");
        assertThat(pod.at("/spec/containers/2/name").asText()).isEqualTo("coffer-agent");
        assertThat(pod.at("/metadata/annotations/coffer.dev~1inject-status").asText()).isEqualTo("injected");
        // the pod's store references and templates stay in its annotations: the operator reads them there
        assertThat(pod.at("/spec").toString()).doesNotContain("aws/prod/db").doesNotContain("{{ .password }}");

        JsonNode again = FAIL.respond(review("apps", pod.at("/metadata/annotations").toString(), pod.at("/spec").toString()));
        assertThat(again.at("/response/patch").isMissingNode()).isTrue();
    }

    @Test
    void prePopulateOnlyAndAVolumePath() throws Exception {
        JsonNode review = review("apps", plus(", \"coffer.dev/inject-pre-populate-only\": \"true\","
                + " \"coffer.dev/secret-volume-path\": \"/etc/app\""), "{\"containers\": [{\"name\": \"app\", \"image\": \"busybox\"}]}");
        JsonNode pod = patched(review, FAIL.respond(review));
        assertThat(pod.at("/spec/containers")).hasSize(1);
        assertThat(pod.at("/spec/containers/0/volumeMounts/0/mountPath").asText()).isEqualTo("/etc/app");
        assertThat(pod.at("/spec/initContainers/0/env/2/value").asText()).isEqualTo("{\"volumePath\":\"/etc/app\",\"prePopulateOnly\":true}");
    }

    @Test
    void bothKindsOrNoRenderEndpointIsRefusedInOneLine() throws Exception {
        String both = plus(", \"vault.hashicorp.com/agent-inject\": \"true\", \"vault.hashicorp.com/role\": \"r\","
                + " \"vault.hashicorp.com/agent-inject-secret-x\": \"secret/data/x\"");
        JsonNode refused = FAIL.respond(review("apps", both, TWO_CONTAINERS));
        assertThat(refused.at("/response/allowed").asBoolean()).isFalse();
        assertThat(refused.at("/response/status/message").asText())
                .isEqualTo("Coffer injection: a pod asks for either vault.hashicorp.com/agent-inject or coffer.dev/inject, not both");

        var vaultOnly = new AdmissionResponder(new AgentSettings("coffer:1", "https://vault:8200"), Set.of(), true);
        JsonNode noEndpoint = vaultOnly.respond(review("apps", ANNOTATIONS, TWO_CONTAINERS));
        assertThat(noEndpoint.at("/response/status/message").asText())
                .isEqualTo("Coffer injection: coffer.dev/inject is not served: the operator has no render endpoint");

        JsonNode bad = FAIL.respond(review("apps", "{\"coffer.dev/inject\": \"true\", \"coffer.dev/inject-secret-db\": \"nokey\"}",
                TWO_CONTAINERS));
        assertThat(bad.at("/response/status/message").asText()).startsWith("Coffer injection: coffer.dev/inject-secret-db must be");
        assertThat(bad.at("/response/patch").isMissingNode()).isTrue();
    }

    /** The annotations with more entries. */
    private static String plus(String entries) {
        return ANNOTATIONS.substring(0, ANNOTATIONS.lastIndexOf('}')) + entries + "}";
    }

    private static String jsonString(String s) {
        return AdmissionResponderTest.JSON.valueToTree(s).toString();
    }
}
