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
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Parameter Store push through Coffer's AWS provider against moto: create with type, KMS key and
 * the managed-by tag, no write when the value is already there (moto counts the calls and the
 * parameter's version stays), missing tags added, properties merged, an unmarked parameter
 * refused and never deleted, and delete.
 */
@org.junit.jupiter.api.Tag("peers")
class ParameterStorePushMotoTest {

    private static MotoServer moto;
    private static SsmClient admin;
    private SecretsClient client;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        admin = SsmClient.builder().endpointOverride(moto.endpoint()).region(Region.of(AwsTestStores.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDADMIN", "admin"))).build();
        admin.putParameter(b -> b.name("/someone/elses").value("theirs").type(ParameterType.STRING));
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
        client = MotoStores.client(moto, AwsServiceType.ParameterStore, "AWS_SSM_ENDPOINT", spec -> { });
        return client.pusher().orElseThrow();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long calls(String operation) {
        return MotoStores.calls(moto, operation);
    }

    private static Parameter parameter(String name) {
        return admin.getParameter(b -> b.name(name).withDecryption(true)).parameter();
    }

    private static Map<String, String> tags(String name) {
        return admin.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name))
                .tagList().stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void createsWithTypeAndMarkerAndWritesOnlyOnChange() throws Exception {
        SecretsPusher pusher = pusher();
        var metadata = new ObjectMapper().readTree("""
                {"apiVersion": "kubernetes.external-secrets.io/v1alpha1", "kind": "PushSecretMetadata",
                 "spec": {"secretType": "SecureString", "tags": {"team": "payments"}}}""");
        PushRemoteRef ref = new PushRemoteRef("/app/token", null, metadata);

        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("t-1"), false))).isEqualTo(PushOutcome.CREATED);
        assertThat(parameter("/app/token").type()).isEqualTo(ParameterType.SECURE_STRING);
        assertThat(parameter("/app/token").value()).isEqualTo("t-1");
        assertThat(tags("/app/token")).containsEntry("managed-by", "external-secrets").containsEntry("team", "payments");

        long puts = calls("PutParameter");
        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("t-1"), false))).isEqualTo(PushOutcome.UNCHANGED);
        assertThat(calls("PutParameter")).as("no new version for the same value").isEqualTo(puts);
        assertThat(parameter("/app/token").version()).isEqualTo(1L);

        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("t-2"), false))).isEqualTo(PushOutcome.UPDATED);
        assertThat(parameter("/app/token").version()).isEqualTo(2L);
        assertThat(parameter("/app/token").value()).isEqualTo("t-2");
        assertThat(tags("/app/token")).as("overwrite keeps the tags").containsEntry("managed-by", "external-secrets");

        assertThat(pusher.exists(ref)).isTrue();
        assertThat(pusher.delete(ref)).isTrue();
        assertThat(pusher.exists(ref)).isFalse();
    }

    @Test
    void missingTagsAreAddedWithoutANewVersion() throws Exception {
        SecretsPusher pusher = pusher();
        pusher.push(PushRequest.ofValue(PushRemoteRef.of("/app/tagged", null), bytes("v"), false));
        var metadata = new ObjectMapper().readTree("{\"spec\": {\"tags\": {\"env\": \"prod\"}}}");

        assertThat(pusher.push(PushRequest.ofValue(new PushRemoteRef("/app/tagged", null, metadata), bytes("v"), false)))
                .isEqualTo(PushOutcome.UPDATED);
        assertThat(tags("/app/tagged")).containsEntry("env", "prod").containsEntry("managed-by", "external-secrets");
        assertThat(parameter("/app/tagged").version()).isEqualTo(1L);
    }

    @Test
    void propertiesMergeIntoOneJsonParameterAndLeaveTogether() {
        SecretsPusher pusher = pusher();
        PushRemoteRef user = PushRemoteRef.of("/app/db", "user");
        PushRemoteRef pass = PushRemoteRef.of("/app/db", "password");
        pusher.push(PushRequest.ofValue(user, bytes("admin"), false));
        pusher.push(PushRequest.ofValue(pass, bytes("s3cret"), false));
        assertThat(parameter("/app/db").value()).isEqualTo("{\"user\":\"admin\",\"password\":\"s3cret\"}");

        assertThat(pusher.delete(user)).isTrue();
        assertThat(parameter("/app/db").value()).isEqualTo("{\"password\":\"s3cret\"}");
        assertThat(pusher.delete(pass)).isTrue();
        assertThat(pusher.exists(PushRemoteRef.of("/app/db", null))).isFalse();
    }

    @Test
    void anUnmarkedParameterIsRefusedUnlessReplaceAndNeverDeleted() {
        SecretsPusher pusher = pusher();
        PushRemoteRef theirs = PushRemoteRef.of("/someone/elses", null);
        assertThat(pusher.exists(theirs)).isTrue();
        long puts = calls("PutParameter");
        assertThatThrownBy(() -> pusher.push(PushRequest.ofValue(theirs, bytes("ours"), false)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("not managed by external-secrets");
        assertThat(calls("PutParameter")).as("a refused push writes nothing").isEqualTo(puts);
        assertThat(pusher.delete(theirs)).isFalse();
        assertThat(parameter("/someone/elses").value()).isEqualTo("theirs");
    }
}
