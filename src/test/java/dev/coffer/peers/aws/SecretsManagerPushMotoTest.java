package dev.coffer.peers.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.PushOutcome;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.PushRequest;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.SecretsPusher;
import dev.coffer.testsupport.aws.AwsTestStores;
import dev.coffer.testsupport.peers.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Secrets Manager push through Coffer's AWS provider against moto: create with the managed-by
 * tag and the metadata's tags, no write when the value is already there (moto counts the calls),
 * properties merged into a JSON secret, an unmarked secret refused and never deleted, and delete.
 */
@org.junit.jupiter.api.Tag("peers")
class SecretsManagerPushMotoTest {

    private static MotoServer moto;
    private static SecretsManagerClient admin;
    private SecretsClient client;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        admin = SecretsManagerClient.builder().endpointOverride(moto.endpoint()).region(Region.of(AwsTestStores.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDADMIN", "admin"))).build();
        admin.createSecret(b -> b.name("someone-elses").secretString("theirs"));
    }

    @AfterAll
    static void stopMoto() {
        if (admin != null) {
            admin.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private SecretsPusher pusher() {
        client = MotoStores.client(moto, AwsServiceType.SecretsManager, "AWS_SECRETSMANAGER_ENDPOINT", spec -> {
            spec.provider.aws.secretsManager = new dev.coffer.api.externalsecrets.v1.providers.AwsSecretsManager();
            spec.provider.aws.secretsManager.forceDeleteWithoutRecovery = true;
        });
        return client.pusher().orElseThrow();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long calls(String operation) {
        return MotoStores.calls(moto, operation);
    }

    @Test
    void createsWithTheMarkerAndWritesOnlyOnChange() throws Exception {
        SecretsPusher pusher = pusher();
        var metadata = new ObjectMapper().readTree("""
                {"apiVersion": "kubernetes.external-secrets.io/v1alpha1", "kind": "PushSecretMetadata",
                 "spec": {"secretPushFormat": "string", "tags": {"team": "payments"}, "description": "pushed"}}""");
        PushRemoteRef ref = new PushRemoteRef("app/token", null, metadata);
        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("t-1"), true))).isEqualTo(PushOutcome.CREATED);
        var described = admin.describeSecret(b -> b.secretId("app/token"));
        assertThat(described.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value)))
                .containsEntry("managed-by", "external-secrets").containsEntry("team", "payments");
        assertThat(admin.getSecretValue(b -> b.secretId("app/token")).secretString()).isEqualTo("t-1");

        long puts = calls("PutSecretValue");
        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("t-1"), true))).isEqualTo(PushOutcome.UNCHANGED);
        assertThat(calls("PutSecretValue")).as("no new version for the same value").isEqualTo(puts);
        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("t-2"), true))).isEqualTo(PushOutcome.UPDATED);
        assertThat(calls("PutSecretValue")).isEqualTo(puts + 1);
        assertThat(admin.getSecretValue(b -> b.secretId("app/token")).secretString()).isEqualTo("t-2");
        assertThat(pusher.exists(ref)).isTrue();

        assertThat(pusher.delete(ref)).isTrue();
        assertThat(pusher.exists(ref)).isFalse();
    }

    @Test
    void propertiesMergeIntoOneJsonSecretAndLeaveTogether() {
        SecretsPusher pusher = pusher();
        PushRemoteRef user = PushRemoteRef.of("app/db", "user");
        PushRemoteRef pass = PushRemoteRef.of("app/db", "password");
        pusher.push(PushRequest.ofValue(user, bytes("admin"), true));
        pusher.push(PushRequest.ofValue(pass, bytes("s3cret"), true));
        assertThat(new String(admin.getSecretValue(b -> b.secretId("app/db")).secretBinary().asByteArray(), StandardCharsets.UTF_8))
                .isEqualTo("{\"user\":\"admin\",\"password\":\"s3cret\"}");
        assertThat(pusher.exists(pass)).isTrue();
        assertThat(pusher.delete(user)).isTrue();
        assertThat(pusher.exists(user)).isFalse();
        assertThat(pusher.exists(pass)).isTrue();
        assertThat(pusher.delete(pass)).isTrue();
        assertThat(pusher.exists(PushRemoteRef.of("app/db", null))).isFalse();
    }

    @Test
    void anUnmarkedSecretIsRefusedUnlessReplaceAndNeverDeleted() {
        SecretsPusher pusher = pusher();
        PushRemoteRef theirs = PushRemoteRef.of("someone-elses", null);
        assertThat(pusher.exists(theirs)).isTrue();
        long puts = calls("PutSecretValue");
        assertThatThrownBy(() -> pusher.push(PushRequest.ofValue(theirs, bytes("ours"), false)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("not managed by external-secrets");
        assertThat(calls("PutSecretValue")).as("a refused push writes nothing").isEqualTo(puts);
        assertThat(pusher.delete(theirs)).isFalse();
        assertThat(admin.getSecretValue(b -> b.secretId("someone-elses")).secretString()).isEqualTo("theirs");
    }
}
