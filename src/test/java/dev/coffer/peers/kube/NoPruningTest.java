package dev.coffer.peers.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.generators.v1alpha1.ClusterGenerator;
import dev.coffer.api.generators.v1alpha1.Password;
import dev.coffer.api.generators.v1alpha1.UUID;
import dev.coffer.api.generators.v1alpha1.VaultDynamicSecret;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.RawApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every CRD: an instance with every field its schema declares (spec and status) is accepted
 * by a real API server with {@code fieldValidation=Strict} and no warnings, reads back with every
 * field, and survives a round trip through Coffer's own Java class, which is what the operator
 * reads and writes back (a field the class dropped would be lost on the operator's next write).
 */
@Tag("peers")
class NoPruningTest {

    static final String NS = "maximal";
    static final Map<String, Class<? extends HasMetadata>> CLASSES = Map.ofEntries(
            Map.entry("ExternalSecret", ExternalSecret.class), Map.entry("SecretStore", SecretStore.class),
            Map.entry("ClusterSecretStore", ClusterSecretStore.class), Map.entry("SealedSecret", SealedSecret.class),
            Map.entry("Password", Password.class), Map.entry("UUID", UUID.class),
            Map.entry("VaultDynamicSecret", VaultDynamicSecret.class), Map.entry("ClusterGenerator", ClusterGenerator.class),
            Map.entry("Fake", dev.coffer.api.generators.v1alpha1.Fake.class),
            Map.entry("SSHKey", dev.coffer.api.generators.v1alpha1.SSHKey.class),
            Map.entry("STSSessionToken", dev.coffer.api.generators.v1alpha1.STSSessionToken.class),
            Map.entry("ECRAuthorizationToken", dev.coffer.api.generators.v1alpha1.ECRAuthorizationToken.class),
            Map.entry("Webhook", dev.coffer.api.generators.v1alpha1.Webhook.class),
            Map.entry("ClusterExternalSecret", dev.coffer.api.externalsecrets.v1.ClusterExternalSecret.class),
            Map.entry("PushSecret", dev.coffer.api.externalsecrets.v1alpha1.PushSecret.class),
            Map.entry("ClusterPushSecret", dev.coffer.api.externalsecrets.v1alpha1.ClusterPushSecret.class));

    static KubeApiServerPeer peer;
    static RawApi api;

    @BeforeAll
    static void start() {
        peer = Crds.installedOn();
        peer.ensureNamespace(NS);
        api = new RawApi(peer.admin());
    }

    static List<Path> crds() {
        return Crds.files();
    }

    @ParameterizedTest
    @MethodSource("crds")
    void aMaximalInstanceKeepsEveryField(Path file) throws Exception {
        ObjectNode crd = Crds.read(file);
        String kind = crd.at("/spec/names/kind").asText();
        assertThat(CLASSES).as("a Java class for every CRD").containsKey(kind);
        for (JsonNode version : crd.at("/spec/versions")) {
            JsonNode schema = version.at("/schema/openAPIV3Schema");
            // one instance per alternative of the one-of blocks (a store's 43 providers, say)
            for (int variant = 0; variant < MaximalInstance.variants(schema); variant++) {
                String apiVersion = crd.at("/spec/group").asText() + "/" + version.path("name").asText();
                ObjectNode object = (ObjectNode) MaximalInstance.of(schema, "", variant);
                JsonNode status = object.remove("status");
                object.put("apiVersion", apiVersion).put("kind", kind);
                ObjectNode meta = object.putObject("metadata");
                meta.put("name", "maximal-" + version.path("name").asText() + "-" + variant);
                meta.putObject("labels").put("app", "maximal");
                meta.putObject("annotations").put("note", "every field");

                RawApi.Resource resource = api.resource(apiVersion, kind);
                RawApi.Reply created = api.post(resource.collection(NS) + "?fieldValidation=Strict", object);
                assertThat(created.code()).as("create %s: %s", kind, created).isEqualTo(201);
                assertThat(created.warnings()).as("warnings for %s", kind).isEmpty();
                JsonNode served = created.json();
                assertThat(JsonSubset.missing(object, served)).as("fields of %s the server did not keep", kind).isEmpty();

                if (status != null) {
                    ObjectNode withStatus = served.deepCopy();
                    withStatus.set("status", status);
                    RawApi.Reply updated = api.put(resource.item(NS, meta.path("name").asText()) + "/status?fieldValidation=Strict",
                            withStatus);
                    assertThat(updated.code()).as("status of %s: %s", kind, updated).isEqualTo(200);
                    assertThat(updated.warnings()).as("status warnings for %s", kind).isEmpty();
                    served = updated.json();
                    assertThat(JsonSubset.missing(status, served.path("status"))).as("status fields of %s not kept", kind).isEmpty();
                }

                JsonNode roundTrip = RawApi.JSON.readTree(Serialization.asJson(Serialization.unmarshal(served.toString(), CLASSES.get(kind))));
                assertThat(JsonSubset.missing(served, roundTrip)).as("fields of %s that Coffer's class %s drops", kind,
                        CLASSES.get(kind).getSimpleName()).isEmpty();
            }
        }
    }
}
