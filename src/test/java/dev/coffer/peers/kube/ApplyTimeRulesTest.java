package dev.coffer.peers.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.RawApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #14, defects 5 and 6, judged by a real kube-apiserver: the CRDs refuse at apply time what
 * upstream refuses (one-of blocks, name lengths and patterns, selector requirements) and, through
 * CEL rules, what upstream's admission webhook refuses, each with a clear message; and they accept
 * what upstream accepts. Every request is a dry run, so the cases do not interfere.
 */
@Tag("peers")
class ApplyTimeRulesTest {

    private static final String NS = "apply-rules";
    private static final String DATA = "\"data\": [{\"secretKey\": \"k\", \"remoteRef\": {\"key\": \"k\"}}]";

    static RawApi api;

    @BeforeAll
    static void start() {
        KubeApiServerPeer peer = Crds.installedOn();
        peer.ensureNamespace(NS);
        api = new RawApi(peer.admin());
    }

    private static RawApi.Reply externalSecret(String spec) {
        return api.post("/apis/external-secrets.io/v1/namespaces/" + NS + "/externalsecrets?dryRun=All", """
                {"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret", "metadata": {"name": "es"},
                 "spec": {"secretStoreRef": {"kind": "SecretStore", "name": "s"}, %s}}""".formatted(spec));
    }

    private static RawApi.Reply store(String provider) {
        return api.post("/apis/external-secrets.io/v1/namespaces/" + NS + "/secretstores?dryRun=All", """
                {"apiVersion": "external-secrets.io/v1", "kind": "SecretStore", "metadata": {"name": "s"},
                 "spec": {"provider": %s}}""".formatted(provider));
    }

    private static void assertRefused(RawApi.Reply reply, String message) {
        assertThat(reply.code()).as(reply.toString()).isEqualTo(422);
        assertThat(reply.body()).contains(message);
    }

    @ParameterizedTest(name = "creationPolicy {0} with deletionPolicy {1}")
    @CsvSource({"Merge,Delete", "None,Delete", "None,Merge"})
    void conflictingPoliciesAreRefused(String creation, String deletion) {
        assertRefused(externalSecret(DATA + ", \"target\": {\"creationPolicy\": \"%s\", \"deletionPolicy\": \"%s\"}"
                .formatted(creation, deletion)), "deletionPolicy=" + deletion + " must not be used with creationPolicy=" + creation);
    }

    @ParameterizedTest(name = "creationPolicy {0} with deletionPolicy {1}")
    @CsvSource({"Owner,Delete", "Owner,Merge", "Merge,Merge", "Merge,Retain", "None,Retain", "Orphan,Retain", "CreateOrMerge,Merge"})
    void compatiblePoliciesAreAccepted(String creation, String deletion) {
        RawApi.Reply reply = externalSecret(DATA + ", \"target\": {\"creationPolicy\": \"%s\", \"deletionPolicy\": \"%s\"}"
                .formatted(creation, deletion));
        assertThat(reply.code()).as(reply.toString()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1d", "5 minutes", "h", "1h-5m", "", "15"})
    void aMalformedRefreshIntervalIsRefused(String interval) {
        assertRefused(externalSecret(DATA + ", \"refreshInterval\": \"" + interval + "\""),
                "must be a Go duration");
    }

    /** Everything Go's time.ParseDuration (which upstream decodes the field with) accepts. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "1h", "1h30m", "1.5h", ".5s", "300ms", "10us", "10µs", "2h45m30.5s", "+5m", "-1m"})
    void everyGoDurationIsAccepted(String interval) {
        RawApi.Reply reply = externalSecret(DATA + ", \"refreshInterval\": \"" + interval + "\"");
        assertThat(reply.code()).as(reply.toString()).isEqualTo(201);
    }

    @Test
    void anExternalSecretWithoutDataDataFromOrTemplateIsRefused() {
        assertRefused(externalSecret("\"refreshInterval\": \"1h\""), "either data or dataFrom should be specified");
        assertRefused(externalSecret("\"data\": [], \"dataFrom\": []"), "either data or dataFrom should be specified");
    }

    @Test
    void aTemplateOnlyExternalSecretIsAccepted() {
        RawApi.Reply reply = externalSecret("\"target\": {\"template\": {\"data\": {\"k\": \"v\"}}}");
        assertThat(reply.code()).as(reply.toString()).isEqualTo(201);
    }

    @Test
    void aDataFromItemMustFetchSomething() {
        assertRefused(externalSecret("\"dataFrom\": [{\"rewrite\": [{\"regexp\": {\"source\": \"a\", \"target\": \"b\"}}]}]"),
                "dataFrom[] must set extract, find or sourceRef.generatorRef");
        RawApi.Reply generator = externalSecret(
                "\"dataFrom\": [{\"sourceRef\": {\"generatorRef\": {\"apiVersion\": \"generators.external-secrets.io/v1alpha1\", "
                        + "\"kind\": \"Password\", \"name\": \"p\"}}}]");
        assertThat(generator.code()).as(generator.toString()).isEqualTo(201);
    }

    @Test
    void aRewriteSetsExactlyOneKind() {
        assertRefused(externalSecret("\"dataFrom\": [{\"extract\": {\"key\": \"k\"}, \"rewrite\": [{}]}]"),
                "spec.dataFrom[0].rewrite[0]");
        assertRefused(externalSecret("\"dataFrom\": [{\"extract\": {\"key\": \"k\"}, \"rewrite\": "
                + "[{\"regexp\": {\"source\": \"a\", \"target\": \"b\"}, \"transform\": {\"template\": \"x\"}}]}]"),
                "must have at most 1 item");
    }

    @Test
    void withoutATargetTheApiServerAppliesUpstreamsDefault() {
        RawApi.Reply reply = externalSecret(DATA);
        assertThat(reply.code()).as(reply.toString()).isEqualTo(201);
        JsonNode target = reply.json().at("/spec/target");
        assertThat(target.path("creationPolicy").asText()).isEqualTo("Owner");
        assertThat(target.path("deletionPolicy").asText()).isEqualTo("Retain");
    }

    @Test
    void aStoreSetsExactlyOneProvider() {
        assertRefused(store("{}"), "spec.provider");
        assertRefused(store("{\"fake\": {\"data\": []}, \"kubernetes\": {\"auth\": {\"token\": {\"bearerToken\": {\"name\": \"t\"}}}}}"),
                "must have at most 1 item");
        assertRefused(store("{\"kubernetes\": {\"auth\": {}}}"), "spec.provider.kubernetes.auth");
    }

    @Test
    void aStoreOfAProviderCofferLacksAppliesUnchanged() {
        RawApi.Reply reply = store("{\"onepassword\": {\"connectHost\": \"https://op.example\", \"vaults\": {\"prod\": 1},"
                + " \"auth\": {\"secretRef\": {\"connectTokenSecretRef\": {\"name\": \"op\", \"key\": \"token\"}}}}}");
        assertThat(reply.code()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().at("/spec/provider/onepassword/auth/secretRef/connectTokenSecretRef/name").asText()).isEqualTo("op");
    }

    @Test
    void referenceNamesHaveUpstreamsLengthLimits() {
        String longName = "a".repeat(254);
        assertRefused(store("{\"kubernetes\": {\"auth\": {\"token\": {\"bearerToken\": {\"name\": \"" + longName + "\"}}}}}"),
                "may not be more than 253");
        assertRefused(store("{\"kubernetes\": {\"auth\": {\"token\": {\"bearerToken\": {\"name\": \"t\", \"key\": \"\"}}}}}"),
                "should be at least 1");
    }

    @Test
    void selectorRequirementsNeedKeyAndOperatorAndNamespacesArePatterned() {
        RawApi.Reply noOperator = api.post("/apis/external-secrets.io/v1/clustersecretstores?dryRun=All", """
                {"apiVersion": "external-secrets.io/v1", "kind": "ClusterSecretStore", "metadata": {"name": "c"},
                 "spec": {"provider": {"fake": {"data": []}},
                          "conditions": [{"namespaceSelector": {"matchExpressions": [{"key": "team"}]}}]}}""");
        assertRefused(noOperator, "operator: Required value");
        RawApi.Reply badNamespace = api.post("/apis/external-secrets.io/v1/clustersecretstores?dryRun=All", """
                {"apiVersion": "external-secrets.io/v1", "kind": "ClusterSecretStore", "metadata": {"name": "c"},
                 "spec": {"provider": {"fake": {"data": []}}, "conditions": [{"namespaces": ["Team_A"]}]}}""");
        assertRefused(badNamespace, "should match");
    }
}
