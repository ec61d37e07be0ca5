package dev.coffer.provider.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.api.externalsecrets.v1.providers.AwsProvider;
import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.PushOutcome;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.PushRequest;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.SecretsPusher;
import dev.coffer.testsupport.aws.AwsRequest;
import dev.coffer.testsupport.aws.AwsTestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.coffer.store.StoreValidator;
import dev.coffer.store.ClientCache;
import dev.coffer.store.ProviderRegistry;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parameter Store push through the real SDK client against the wire-level fake. */
class ParameterStorePushTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsTestStores t;
    private SecretsClient client;
    private SecretsPusher pusher;

    @BeforeEach
    void setUp() {
        t = new AwsTestStores();
        client = t.client(AwsTestStores.block(AwsServiceType.ParameterStore));
        pusher = client.pusher().orElseThrow();
    }

    @AfterEach
    void tearDown() {
        client.close();
        t.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode metadata(String spec) throws Exception {
        return JSON.readTree("{\"apiVersion\":\"kubernetes.external-secrets.io/v1alpha1\",\"kind\":\"PushSecretMetadata\",\"spec\":" + spec + "}");
    }

    private AwsRequest last(String operation) {
        return t.aws.requests().stream().filter(r -> r.operation().equals(operation)).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void createsAStringParameterWithUpstreamDefaultsAndTheMarker() {
        PushRemoteRef ref = PushRemoteRef.of("/app/token", null);

        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("t-1"), false))).isEqualTo(PushOutcome.CREATED);

        assertThat(t.aws.parameterStore().value("/app/token")).isEqualTo("t-1");
        assertThat(t.aws.parameterStore().tags("/app/token")).containsExactly(Map.entry("managed-by", "external-secrets"));
        assertThat(t.aws.parameterStore().attributes("/app/token"))
                .as("String, upstream's description, no KMS key for a String, Standard tier")
                .isEqualTo("String|secret 'managed-by:external-secrets'|null|Standard");
        assertThat(last("PutParameter").json().path("Overwrite").asBoolean(true)).isFalse();
    }

    @Test
    void metadataSetsTypeKmsKeyTierPoliciesTagsAndDescription() throws Exception {
        PushRemoteRef ref = new PushRemoteRef("/app/secure", null, metadata("""
                {"secretType": "SecureString", "kmsKeyID": "alias/payments", "description": "db password",
                 "tier": {"type": "Advanced", "policies": [{"Type": "Expiration", "Version": "1.0",
                          "Attributes": {"Timestamp": "2030-01-01T00:00:00.000Z"}}]},
                 "tags": {"team": "payments"}}"""));

        pusher.push(PushRequest.ofValue(ref, bytes("s3cret"), false));

        assertThat(t.aws.parameterStore().attributes("/app/secure")).isEqualTo("SecureString|db password|alias/payments|Advanced");
        assertThat(t.aws.parameterStore().tags("/app/secure"))
                .containsEntry("team", "payments").containsEntry("managed-by", "external-secrets");
        JsonNode policies = JSON.readTree(last("PutParameter").json().path("Policies").asText());
        assertThat(policies.path(0).path("Type").asText()).isEqualTo("Expiration");
    }

    @Test
    void secureStringDefaultsToTheAwsManagedKey() throws Exception {
        pusher.push(PushRequest.ofValue(new PushRemoteRef("/app/k", null, metadata("{\"secretType\": \"SecureString\"}")), bytes("v"), false));

        assertThat(t.aws.parameterStore().attributes("/app/k")).startsWith("SecureString|").contains("|alias/aws/ssm|");
    }

    @Test
    void writesOnlyOnChangeAndAddsMissingTagsWithoutOverwritingTags() throws Exception {
        PushRemoteRef plain = PushRemoteRef.of("/app/token", null);
        pusher.push(PushRequest.ofValue(plain, bytes("t-1"), false));

        assertThat(pusher.push(PushRequest.ofValue(plain, bytes("t-1"), false))).isEqualTo(PushOutcome.UNCHANGED);
        assertThat(t.aws.parameterStore().versions("/app/token")).as("no new version for the same value").isEqualTo(1);
        assertThat(t.aws.count("PutParameter")).isEqualTo(1);

        assertThat(pusher.push(PushRequest.ofValue(plain, bytes("t-2"), false))).isEqualTo(PushOutcome.UPDATED);
        assertThat(t.aws.parameterStore().versions("/app/token")).isEqualTo(2);
        assertThat(last("PutParameter").json().path("Overwrite").asBoolean()).isTrue();
        assertThat(last("PutParameter").json().has("Tags")).as("AWS refuses tags with overwrite").isFalse();

        PushRemoteRef tagged = new PushRemoteRef("/app/token", null, metadata("{\"tags\": {\"team\": \"payments\"}}"));
        assertThat(pusher.push(PushRequest.ofValue(tagged, bytes("t-2"), false))).isEqualTo(PushOutcome.UPDATED);
        assertThat(t.aws.parameterStore().versions("/app/token")).as("a tag alone writes no value").isEqualTo(2);
        assertThat(t.aws.parameterStore().tags("/app/token")).containsEntry("team", "payments").containsEntry("managed-by", "external-secrets");
        assertThat(pusher.push(PushRequest.ofValue(tagged, bytes("t-2"), false))).isEqualTo(PushOutcome.UNCHANGED);
    }

    @Test
    void aChangedTypeIsAChange() throws Exception {
        pusher.push(PushRequest.ofValue(PushRemoteRef.of("/app/t", null), bytes("v"), false));

        PushRemoteRef secure = new PushRemoteRef("/app/t", null, metadata("{\"secretType\": \"SecureString\"}"));
        assertThat(pusher.push(PushRequest.ofValue(secure, bytes("v"), false))).isEqualTo(PushOutcome.UPDATED);
        assertThat(t.aws.parameterStore().attributes("/app/t")).startsWith("SecureString|");
    }

    @Test
    void anUnmarkedParameterIsRefusedUnlessReplaceAndNeverDeleted() {
        t.aws.parameterStore().put("/theirs", "theirs");
        PushRemoteRef theirs = PushRemoteRef.of("/theirs", null);

        assertThat(pusher.exists(theirs)).isTrue();
        assertThatThrownBy(() -> pusher.push(PushRequest.ofValue(theirs, bytes("ours"), false)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG))
                .hasMessageContaining("not managed by external-secrets").hasMessageNotContaining("ours");
        assertThat(t.aws.count("PutParameter")).as("a refused push writes nothing").isZero();

        assertThat(pusher.push(PushRequest.ofValue(theirs, bytes("ours"), true))).isEqualTo(PushOutcome.UPDATED);
        assertThat(t.aws.parameterStore().value("/theirs")).isEqualTo("ours");
        assertThat(t.aws.parameterStore().tags("/theirs")).as("replaced but still unmarked").doesNotContainKey("managed-by");

        assertThat(pusher.delete(theirs)).isFalse();
        assertThat(t.aws.parameterStore().value("/theirs")).isEqualTo("ours");
        assertThat(t.aws.count("DeleteParameter")).isZero();
    }

    @Test
    void propertiesMergeIntoOneJsonParameterAndLeaveTogether() {
        PushRemoteRef user = PushRemoteRef.of("/app/db", "user");
        PushRemoteRef pass = PushRemoteRef.of("/app/db", "password");
        pusher.push(PushRequest.ofValue(user, bytes("admin"), false));
        pusher.push(PushRequest.ofValue(pass, bytes("s3cret"), false));

        assertThat(t.aws.parameterStore().value("/app/db")).isEqualTo("{\"user\":\"admin\",\"password\":\"s3cret\"}");
        assertThat(pusher.delete(user)).isTrue();
        assertThat(pusher.exists(user)).isFalse();
        assertThat(pusher.exists(pass)).isTrue();
        assertThat(pusher.delete(pass)).isTrue();
        assertThat(pusher.exists(PushRemoteRef.of("/app/db", null))).isFalse();
    }

    @Test
    void aWholeSecretIsJsonWithBase64ValuesUnlessEncodeAsDecoded() throws Exception {
        Map<String, byte[]> data = new LinkedHashMap<>();
        data.put("b", bytes("2"));
        data.put("a", bytes("1"));
        pusher.push(PushRequest.ofWholeSecret(PushRemoteRef.of("/app/all", null), data, false));
        assertThat(t.aws.parameterStore().value("/app/all")).isEqualTo("{\"a\":\"MQ==\",\"b\":\"Mg==\"}");

        pusher.push(PushRequest.ofWholeSecret(new PushRemoteRef("/app/plain", null, metadata("{\"encodeAsDecoded\": true}")), data, false));
        assertThat(t.aws.parameterStore().value("/app/plain")).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
    }

    @Test
    void ifNotExistsSeesAnyParameterAndDeleteOfAMissingOneIsQuiet() {
        assertThat(pusher.exists(PushRemoteRef.of("/nope", null))).isFalse();
        assertThat(pusher.delete(PushRemoteRef.of("/nope", null))).isFalse();
        pusher.push(PushRequest.ofValue(PushRemoteRef.of("/yes", null), bytes("v"), false));
        assertThat(pusher.exists(PushRemoteRef.of("/yes", null))).isTrue();
        assertThat(pusher.delete(PushRemoteRef.of("/yes", null))).isTrue();
        assertThat(t.aws.parameterStore().value("/yes")).isNull();
    }

    @Test
    void badMetadataIsAOneLineErrorBeforeAnyWrite() throws Exception {
        PushRemoteRef badType = new PushRemoteRef("/app/x", null, metadata("{\"secretType\": \"Secret\"}"));
        assertThatThrownBy(() -> pusher.push(PushRequest.ofValue(badType, bytes("v"), false)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("secretType \"Secret\"");
        PushRemoteRef marker = new PushRemoteRef("/app/x", null, metadata("{\"tags\": {\"managed-by\": \"me\"}}"));
        assertThatThrownBy(() -> pusher.push(PushRequest.ofValue(marker, bytes("v"), false)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("managed-by");
        assertThat(t.aws.count("PutParameter")).isZero();
    }

    @Test
    void prefixIsPrependedOnPush() {
        AwsProvider block = AwsTestStores.block(AwsServiceType.ParameterStore);
        block.prefix = "/team";
        try (SecretsClient prefixed = t.client(block)) {
            prefixed.pusher().orElseThrow().push(PushRequest.ofValue(PushRemoteRef.of("/x", null), bytes("v"), false));
        }
        assertThat(t.aws.parameterStore().value("/team/x")).isEqualTo("v");
    }

    @Test
    void theStoreReportsReadWrite() {
        try (ClientCache cache = new ClientCache()) {
            StoreValidator.Result r = new StoreValidator(new ProviderRegistry(java.util.List.of(new AwsProviderImpl(t.options()))), cache)
                    .validate(t.store(AwsTestStores.block(AwsServiceType.ParameterStore)));
            assertThat(r.ready()).as(r.message()).isTrue();
            assertThat(r.capabilities()).isEqualTo(StoreValidator.Result.READ_WRITE);
        }
    }
}
