package dev.coffer.peers.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.RawApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.coffer.testsupport.TestResources.externalSecretOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API server behaviour Coffer relies on, as a real kube-apiserver shows it for Coffer's
 * CRDs (the CRUD mock server differs on each of these; see README's "Peers tier"): the status
 * subresource, optimistic concurrency, finalizers, {@code metadata.generation}, and server-side
 * apply.
 */
@Tag("peers")
class ServerBehaviourTest {

    static final String NS = "server-behaviour";
    static final String ES = "/apis/external-secrets.io/v1/namespaces/" + NS + "/externalsecrets";

    static KubeApiServerPeer peer;
    static KubernetesClient kube;
    static RawApi api;

    @BeforeAll
    static void start() {
        peer = Crds.installedOn();
        peer.ensureNamespace(NS);
        kube = peer.admin();
        api = new RawApi(kube);
    }

    private static ExternalSecret es(String name) {
        return externalSecretOn(NS, name, "SecretStore", "fake", """
                  data:
                  - secretKey: k
                    remoteRef: {key: k}
                """);
    }

    @Test
    void statusIsWrittenOnlyThroughTheStatusSubresource() {
        RawApi.Reply created = api.post(ES, """
                {"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret", "metadata": {"name": "st"},
                 "spec": {"secretStoreRef": {"name": "fake"}, "data": [{"secretKey": "k", "remoteRef": {"key": "k"}}]},
                 "status": {"refreshTime": "2026-01-01T00:00:00Z"}}""");
        assertThat(created.code()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().has("status")).as("status sent with create is dropped").isFalse();

        ObjectNode withStatus = created.json().deepCopy();
        withStatus.putObject("status").put("refreshTime", "2026-01-01T00:00:00Z");
        RawApi.Reply statusWrite = api.put(ES + "/st/status", withStatus);
        assertThat(statusWrite.code()).as(statusWrite.toString()).isEqualTo(200);
        assertThat(statusWrite.json().at("/status/refreshTime").asText()).isEqualTo("2026-01-01T00:00:00Z");

        // a spec change sent to /status is ignored ...
        ObjectNode both = statusWrite.json().deepCopy();
        ((ObjectNode) both.path("spec")).put("refreshInterval", "5m");
        ((ObjectNode) both.path("status")).put("refreshTime", "2026-02-02T00:00:00Z");
        JsonNode afterStatus = api.put(ES + "/st/status", both).json();
        assertThat(afterStatus.at("/spec/refreshInterval").asText()).isNotEqualTo("5m");
        assertThat(afterStatus.at("/status/refreshTime").asText()).isEqualTo("2026-02-02T00:00:00Z");
        // ... and so is a status change sent to the resource itself
        ObjectNode mainChange = afterStatus.deepCopy();
        ((ObjectNode) mainChange.path("status")).put("refreshTime", "2027-03-03T00:00:00Z");
        RawApi.Reply afterMain = api.put(ES + "/st", mainChange);
        assertThat(afterMain.code()).isEqualTo(200);
        assertThat(afterMain.json().at("/status/refreshTime").asText()).isEqualTo("2026-02-02T00:00:00Z");
    }

    @Test
    void aStaleResourceVersionIsAConflict() {
        ExternalSecret created = kube.resource(es("conflict")).create();
        ExternalSecret first = kube.resources(ExternalSecret.class).inNamespace(NS).withName("conflict").get();
        first.getMetadata().setLabels(java.util.Map.of("edited", "once"));
        kube.resource(first).update();

        created.getMetadata().setLabels(java.util.Map.of("edited", "stale"));
        assertThatThrownBy(() -> kube.resource(created).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        // a JSON merge patch without resourceVersion is not checked: last writer wins
        RawApi.Reply patched = api.patch(ES + "/conflict", "{\"metadata\":{\"labels\":{\"edited\":\"patch\"}}}",
                "application/merge-patch+json");
        assertThat(patched.code()).isEqualTo(200);
        // ... unless it carries one
        RawApi.Reply stale = api.patch(ES + "/conflict", "{\"metadata\":{\"resourceVersion\":\""
                + created.getMetadata().getResourceVersion() + "\",\"labels\":{\"edited\":\"x\"}}}", "application/merge-patch+json");
        assertThat(stale.code()).isEqualTo(409);
    }

    @Test
    void aFinalizerHoldsDeletionUntilRemoved() {
        ExternalSecret withFinalizer = es("finalized");
        withFinalizer.getMetadata().setFinalizers(java.util.List.of("externalsecrets.external-secrets.io/externalsecret-cleanup"));
        kube.resource(withFinalizer).create();
        kube.resources(ExternalSecret.class).inNamespace(NS).withName("finalized").delete();

        ExternalSecret deleting = kube.resources(ExternalSecret.class).inNamespace(NS).withName("finalized").get();
        assertThat(deleting).as("still there while the finalizer is").isNotNull();
        assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotNull();
        // no new finalizer may be added once deletion started
        RawApi.Reply add = api.patch(ES + "/finalized", "{\"metadata\":{\"finalizers\":["
                + "\"externalsecrets.external-secrets.io/externalsecret-cleanup\",\"other/one\"]}}", "application/merge-patch+json");
        assertThat(add.code()).as(add.toString()).isEqualTo(422);

        RawApi.Reply removed = api.patch(ES + "/finalized", "{\"metadata\":{\"finalizers\":null}}", "application/merge-patch+json");
        assertThat(removed.code()).isEqualTo(200);
        assertThat(kube.resources(ExternalSecret.class).inNamespace(NS).withName("finalized").get()).isNull();
    }

    @Test
    void generationCountsSpecChangesOnly() {
        kube.resource(es("generation")).create();
        var handle = kube.resources(ExternalSecret.class).inNamespace(NS).withName("generation");
        assertThat(handle.get().getMetadata().getGeneration()).isEqualTo(1L);

        api.patch(ES + "/generation", "{\"metadata\":{\"labels\":{\"a\":\"b\"},\"annotations\":{\"force-sync\":\"1\"}}}",
                "application/merge-patch+json");
        assertThat(handle.get().getMetadata().getGeneration()).as("metadata only").isEqualTo(1L);
        api.patch(ES + "/generation/status", "{\"status\":{\"refreshTime\":\"2026-01-01T00:00:00Z\"}}",
                "application/merge-patch+json");
        assertThat(handle.get().getMetadata().getGeneration()).as("status only").isEqualTo(1L);
        api.patch(ES + "/generation", "{\"spec\":{\"refreshInterval\":\"2h\"}}", "application/merge-patch+json");
        assertThat(handle.get().getMetadata().getGeneration()).as("spec").isEqualTo(2L);
    }

    /** The real server speaks server-side apply (the mock answers 415) and tracks field managers. */
    @Test
    void serverSideApplyIsServed() {
        String body = """
                {"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret", "metadata": {"name": "applied"},
                 "spec": {"refreshInterval": "1h", "secretStoreRef": {"name": "fake"},
                          "data": [{"secretKey": "k", "remoteRef": {"key": "k"}}]}}""";
        RawApi.Reply applied = api.patch(ES + "/applied?fieldManager=coffer-test&fieldValidation=Strict", body,
                "application/apply-patch+yaml");
        assertThat(applied.code()).as(applied.toString()).isEqualTo(201);
        assertThat(applied.json().at("/metadata/managedFields/0/manager").asText()).isEqualTo("coffer-test");
        // another manager changing an owned field conflicts unless it forces
        String other = body.replace("\"1h\"", "\"2h\"");
        RawApi.Reply conflict = api.patch(ES + "/applied?fieldManager=someone-else", other, "application/apply-patch+yaml");
        assertThat(conflict.code()).isEqualTo(409);
        RawApi.Reply forced = api.patch(ES + "/applied?fieldManager=someone-else&force=true", other,
                "application/apply-patch+yaml");
        assertThat(forced.code()).isEqualTo(200);
        assertThat(forced.json().at("/spec/refreshInterval").asText()).isEqualTo("2h");
    }
}
