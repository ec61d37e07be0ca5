package dev.coffer.peers.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.RawApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every CRD in {@code crds/} on a real kube-apiserver: accepted, structural, no warnings, its columns and short names served. */
@Tag("peers")
class CrdsOnApiServerTest {

    static KubeApiServerPeer peer;
    static RawApi api;

    @BeforeAll
    static void start() {
        peer = KubeApiServerPeer.shared();
        api = new RawApi(peer.admin());
    }

    @Test
    void everyCrdIsAcceptedStructuralAndWithoutWarnings() {
        Map<Path, RawApi.Reply> replies = Crds.install(peer);
        assertThat(replies.keySet()).hasSize(Crds.files().size()).hasSizeGreaterThanOrEqualTo(8);
        replies.forEach((file, reply) -> {
            assertThat(reply.code()).as("%s: %s", file, reply.body()).isEqualTo(201);
            assertThat(reply.warnings()).as("warnings for %s", file).isEmpty();
            JsonNode served = api.get(Crds.PATH + "/" + Crds.read(file).at("/metadata/name").asText(), null).json();
            assertThat(Crds.condition(served, "Established")).as(file.toString()).isEqualTo("True");
            assertThat(Crds.condition(served, "NamesAccepted")).as(file.toString()).isEqualTo("True");
            // a non-structural schema is accepted for v1beta1 only; v1 reports it as this condition
            assertThat(Crds.condition(served, "NonStructuralSchema")).as(file.toString()).isNull();
        });
    }

    @Test
    void shortNamesAndCategoriesAreServedByDiscovery() {
        Crds.install(peer);
        for (Path file : Crds.files()) {
            ObjectNode crd = Crds.read(file);
            String group = crd.at("/spec/group").asText();
            JsonNode names = crd.at("/spec/names");
            for (JsonNode version : crd.at("/spec/versions")) {
                var served = api.discovery(group + "/" + version.path("name").asText(), names.path("kind").asText());
                assertThat(served.getShortNames()).as("short names of %s", file)
                        .containsExactlyInAnyOrderElementsOf(strings(names.path("shortNames")));
                assertThat(served.getName()).isEqualTo(names.path("plural").asText());
            }
        }
        // the names kubectl users of ESO and Sealed Secrets type
        assertThat(api.discovery("external-secrets.io/v1", "ExternalSecret").getShortNames()).contains("es");
        assertThat(api.discovery("external-secrets.io/v1", "SecretStore").getShortNames()).contains("ss");
        assertThat(api.discovery("external-secrets.io/v1", "ClusterSecretStore").getShortNames()).contains("css");
    }

    /** A Table request (what {@code kubectl get} sends) lists the CRD's printer columns and fills them from an object. */
    @Test
    void printerColumnsAreServedAsATable() {
        Crds.install(peer);
        String ns = "crd-columns";
        peer.ensureNamespace(ns);
        RawApi.Reply created = api.post("/apis/external-secrets.io/v1/namespaces/" + ns + "/externalsecrets", """
                {"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret",
                 "metadata": {"name": "db"},
                 "spec": {"refreshInterval": "15m", "secretStoreRef": {"kind": "ClusterSecretStore", "name": "vault"},
                          "data": [{"secretKey": "k", "remoteRef": {"key": "k"}}]}}""");
        assertThat(created.code()).as(created.toString()).isEqualTo(201);
        String table = "application/json;as=Table;v=v1;g=meta.k8s.io";
        for (Path file : Crds.files()) {
            ObjectNode crd = Crds.read(file);
            for (JsonNode version : crd.at("/spec/versions")) {
                List<String> expected = new ArrayList<>(List.of("Name"));
                version.path("additionalPrinterColumns").forEach(c -> expected.add(c.path("name").asText()));
                if (!version.has("additionalPrinterColumns")) {
                    expected.add("Age");
                }
                String path = "/apis/" + crd.at("/spec/group").asText() + "/" + version.path("name").asText() + "/"
                        + crd.at("/spec/names/plural").asText();
                RawApi.Reply reply = api.get(path, table);
                assertThat(reply.code()).as(reply.toString()).isEqualTo(200);
                List<String> columns = new ArrayList<>();
                reply.json().path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
                assertThat(columns).as("columns of %s", file).isEqualTo(expected);
            }
        }
        JsonNode rows = api.get("/apis/external-secrets.io/v1/namespaces/" + ns + "/externalsecrets", table).json().path("rows");
        assertThat(rows).hasSize(1);
        List<String> cells = new ArrayList<>();
        rows.get(0).path("cells").forEach(c -> cells.add(c.asText()));
        // upstream's order: Name, StoreType, Store, Refresh Interval; status columns are empty before the operator ran
        assertThat(cells.subList(0, 4)).containsExactly("db", "ClusterSecretStore", "vault", "15m");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
