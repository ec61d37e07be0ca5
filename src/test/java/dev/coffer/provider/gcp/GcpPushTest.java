package dev.coffer.provider.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.secretmanager.v1.Secret;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.PushOutcome;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.PushRequest;
import dev.coffer.provider.SecretsPusher;
import dev.coffer.testsupport.gcp.GcpTestStores;
import io.grpc.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.coffer.testsupport.gcp.GcpTestStores.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pushing through the real Secret Manager SDK to the local gRPC fake. */
class GcpPushTest extends GcpClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private SecretsPusher pusher;

    @BeforeEach
    void open() {
        client = t.client(GcpTestStores.block());
        pusher = client.pusher().orElseThrow();
    }

    @Test
    void aCreateCarriesTheLabelMetadataAndReplicationAndAVersionOnlyWhenTheValueChanges() throws Exception {
        JsonNode meta = JSON.readTree("""
                {"apiVersion":"kubernetes.external-secrets.io/v1alpha1","kind":"PushSecretMetadata",
                 "spec":{"labels":{"team":"a"},"annotations":{"note":"n"},"topics":["projects/p/topics/t"],
                         "cmekKeyName":"projects/p/locations/us-east1/keyRings/r/cryptoKeys/k",
                         "replicationLocations":["us-east1","us-west1"]}}""");
        PushRemoteRef ref = new PushRemoteRef("db-password", null, meta);

        assertThat(pusher.push(value(ref, "s3cret"))).isEqualTo(PushOutcome.CREATED);
        Secret s = t.sm.secret(PROJECT, "db-password");
        assertThat(s.getLabelsMap()).containsEntry("managed-by", "external-secrets").containsEntry("team", "a");
        assertThat(s.getAnnotationsMap()).containsEntry("note", "n");
        assertThat(s.getTopics(0).getName()).isEqualTo("projects/p/topics/t");
        assertThat(s.getReplication().getUserManaged().getReplicasList()).extracting(r -> r.getLocation())
                .containsExactly("us-east1", "us-west1");
        assertThat(s.getReplication().getUserManaged().getReplicas(1).getCustomerManagedEncryption().getKmsKeyName())
                .endsWith("cryptoKeys/k");

        assertThat(pusher.push(value(ref, "s3cret"))).isEqualTo(PushOutcome.UNCHANGED);
        assertThat(pusher.push(value(ref, "rotated"))).isEqualTo(PushOutcome.UPDATED);
        assertThat(t.sm.values(PROJECT, "db-password")).containsExactly("s3cret", "rotated");
    }

    @Test
    void mergePolicyMergeKeepsTheSecretsLabelsAndReplaceDropsThem() throws Exception {
        pusher.push(value(PushRemoteRef.of("kcc", null), "v"));
        t.sm.label(PROJECT, "kcc", "owner", "kcc");
        PushRemoteRef merge = new PushRemoteRef("kcc", null, JSON.readTree("{\"spec\":{\"mergePolicy\":\"Merge\",\"labels\":{\"x\":\"1\"}}}"));
        assertThat(pusher.push(value(merge, "v"))).as("labels changed, value not").isEqualTo(PushOutcome.UPDATED);
        assertThat(t.sm.secret(PROJECT, "kcc").getLabelsMap()).containsEntry("owner", "kcc").containsEntry("x", "1")
                .containsEntry("managed-by", "external-secrets");
        assertThat(t.sm.values(PROJECT, "kcc")).hasSize(1);

        PushRemoteRef replace = new PushRemoteRef("kcc", null, JSON.readTree("{\"spec\":{\"labels\":{\"x\":\"1\"}}}"));
        pusher.push(value(replace, "v"));
        assertThat(t.sm.secret(PROJECT, "kcc").getLabelsMap()).doesNotContainKey("owner").containsEntry("managed-by", "external-secrets");
    }

    @Test
    void anUnmanagedSecretIsLeftAloneUnlessReplaceAndNeverDeleted() {
        t.sm.addVersion(PROJECT, "theirs", "original");
        PushRemoteRef ref = PushRemoteRef.of("theirs", null);

        assertThatThrownBy(() -> pusher.push(value(ref, "mine"))).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.getMessage()).isEqualTo("secret \"theirs\" exists and is not managed by external-secrets"));
        assertThat(pusher.delete(ref)).isFalse();
        assertThat(t.sm.values(PROJECT, "theirs")).containsExactly("original");

        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("mine"), true))).isEqualTo(PushOutcome.UPDATED);
        assertThat(t.sm.secret(PROJECT, "theirs").getLabelsMap()).doesNotContainKey("managed-by");
        assertThat(pusher.delete(ref)).isFalse();
    }

    @Test
    void propertiesMergeAndDeleteRemovesTheLastOneWithTheSecret() {
        PushRemoteRef user = PushRemoteRef.of("app", "user");
        PushRemoteRef pass = PushRemoteRef.of("app", "password");
        pusher.push(value(user, "app"));
        pusher.push(value(pass, "pw"));
        assertThat(t.sm.values(PROJECT, "app")).last().isEqualTo("{\"user\":\"app\",\"password\":\"pw\"}");
        assertThat(pusher.exists(pass)).isTrue();
        assertThat(pusher.delete(pass)).isTrue();
        assertThat(t.sm.values(PROJECT, "app")).last().isEqualTo("{\"user\":\"app\"}");
        assertThat(pusher.delete(user)).isTrue();
        assertThat(t.sm.secret(PROJECT, "app")).isNull();
    }

    @Test
    void aFailedFirstVersionTakesTheNewSecretAway() {
        t.sm.failNext("AddSecretVersion", Status.PERMISSION_DENIED, Status.PERMISSION_DENIED, Status.PERMISSION_DENIED);
        assertThatThrownBy(() -> pusher.push(value(PushRemoteRef.of("new", null), "v")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.ACCESS_DENIED));
        assertThat(t.sm.secret(PROJECT, "new")).as("the remote is as it was").isNull();
    }

    private static PushRequest value(PushRemoteRef ref, String v) {
        return PushRequest.ofValue(ref, bytes(v), false);
    }

    private static byte[] bytes(String v) {
        return v.getBytes(StandardCharsets.UTF_8);
    }
}
