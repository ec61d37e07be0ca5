package dev.coffer.provider.doppler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.PushOutcome;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.PushRequest;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.SecretsPusher;
import dev.coffer.testsupport.doppler.FakeDoppler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import dev.coffer.store.StoreValidator;
import dev.coffer.store.ClientCache;
import dev.coffer.store.ProviderRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Push through the real provider against the local server speaking Doppler's v3 secrets update API. */
class DopplerPushTest {

    private static final String UPDATE = "/v3/configs/config/secrets";

    private final DopplerStores stores = new DopplerStores();
    private final FakeDoppler doppler = stores.doppler;
    private SecretsClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        stores.close();
    }

    private SecretsPusher serviceTokenPusher() {
        client = stores.serviceTokenClient("", Duration.ofSeconds(30));
        return client.pusher().orElseThrow();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode lastUpdateBody() throws Exception {
        FakeDoppler.Request last = doppler.requests().stream().filter(r -> r.path().equals(UPDATE)).reduce((a, b) -> b).orElseThrow();
        return new ObjectMapper().readTree(last.body());
    }

    @Test
    void setsASecretByNameAndWritesOnlyOnChange() throws Exception {
        doppler.secret("backend", "prd", "OTHER", "x");
        SecretsPusher pusher = serviceTokenPusher();
        PushRemoteRef ref = PushRemoteRef.of("API_KEY", null);

        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("k-1"), true))).isEqualTo(PushOutcome.CREATED);
        assertThat(doppler.value("backend", "prd", "API_KEY")).isEqualTo("k-1");
        JsonNode body = lastUpdateBody();
        assertThat(body.path("secrets").path("API_KEY").asText()).isEqualTo("k-1");
        assertThat(body.has("project")).as("a service token names its own config").isFalse();
        assertThat(doppler.requests().stream().filter(r -> r.path().equals(UPDATE)).findFirst().orElseThrow().user())
                .isEqualTo(DopplerStores.SERVICE_TOKEN);

        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("k-1"), true))).as("the write dropped the held download")
                .isEqualTo(PushOutcome.UNCHANGED);
        assertThat(doppler.updates()).as("no write for the same value").isEqualTo(1);
        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("k-2"), true))).isEqualTo(PushOutcome.UPDATED);
        assertThat(doppler.updates()).isEqualTo(2);
        assertThat(doppler.value("backend", "prd", "OTHER")).as("other secrets untouched").isEqualTo("x");
        assertThat(client.getSecret(dev.coffer.testsupport.RemoteRefs.ref("API_KEY"))).as("a read after the push sees it")
                .isEqualTo(bytes("k-2"));
    }

    @Test
    void aPersonalTokenNamesProjectAndConfig() throws Exception {
        doppler.secret("web", "dev", "X", "1");
        client = stores.client("auth:\n  secretRef:\n    dopplerToken: {name: doppler-token, key: personal}\nproject: web\nconfig: dev\n",
                Duration.ofSeconds(30));
        client.pusher().orElseThrow().push(PushRequest.ofValue(PushRemoteRef.of("TOKEN", null), bytes("t"), true));

        JsonNode body = lastUpdateBody();
        assertThat(body.path("project").asText()).isEqualTo("web");
        assertThat(body.path("config").asText()).isEqualTo("dev");
        assertThat(doppler.value("web", "dev", "TOKEN")).isEqualTo("t");
    }

    @Test
    void deletesByNameAndPropertiesMergeIntoAJsonSecret() throws Exception {
        doppler.secret("backend", "prd", "KEEP", "x");
        SecretsPusher pusher = serviceTokenPusher();
        PushRemoteRef user = PushRemoteRef.of("DB", "user");
        PushRemoteRef pass = PushRemoteRef.of("DB", "password");
        pusher.push(PushRequest.ofValue(user, bytes("admin"), true));
        pusher.push(PushRequest.ofValue(pass, bytes("s3cret"), true));
        assertThat(doppler.value("backend", "prd", "DB")).isEqualTo("{\"user\":\"admin\",\"password\":\"s3cret\"}");

        assertThat(pusher.delete(user)).isTrue();
        assertThat(doppler.value("backend", "prd", "DB")).isEqualTo("{\"password\":\"s3cret\"}");
        assertThat(pusher.exists(user)).isFalse();
        assertThat(pusher.delete(pass)).isTrue();
        JsonNode change = lastUpdateBody().path("change_requests").path(0);
        assertThat(change.path("originalName").asText()).isEqualTo("DB");
        assertThat(change.path("shouldDelete").asBoolean()).isTrue();
        assertThat(doppler.value("backend", "prd", "DB")).isNull();
        assertThat(pusher.delete(PushRemoteRef.of("DB", null))).as("already gone").isFalse();
        assertThat(doppler.value("backend", "prd", "KEEP")).isEqualTo("x");
    }

    @Test
    void existsSeesTheConfigsSecrets() {
        doppler.secret("backend", "prd", "THERE", "{\"a\":\"1\"}");
        SecretsPusher pusher = serviceTokenPusher();
        assertThat(pusher.exists(PushRemoteRef.of("THERE", null))).isTrue();
        assertThat(pusher.exists(PushRemoteRef.of("THERE", "a"))).isTrue();
        assertThat(pusher.exists(PushRemoteRef.of("THERE", "b"))).isFalse();
        assertThat(pusher.exists(PushRemoteRef.of("NOT_THERE", null))).isFalse();
    }

    @Test
    void aRejectedNameIsAOneLineErrorWithDopplersMessageAndNoValue() {
        doppler.secret("backend", "prd", "X", "1");
        SecretsPusher pusher = serviceTokenPusher();
        assertThatThrownBy(() -> pusher.push(PushRequest.ofValue(PushRemoteRef.of("lower-case", null), bytes("v4lue-S3cret"), true)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG))
                .hasMessageContaining("Secret names must be uppercase").hasMessageContaining("lower-case")
                .hasMessageNotContaining("v4lue-S3cret");
        assertThat(doppler.value("backend", "prd", "lower-case")).isNull();
    }

    @Test
    void theStoreReportsReadWrite() {
        doppler.secret("backend", "prd", "X", "1");
        try (ClientCache cache = new ClientCache()) {
            StoreValidator.Result r = new StoreValidator(new ProviderRegistry(java.util.List.of(stores.provider(Duration.ofSeconds(5)))), cache)
                    .validate(stores.context("auth:\n  secretRef:\n    dopplerToken: {name: doppler-token}\n"));
            assertThat(r.ready()).as(r.message()).isTrue();
            assertThat(r.capabilities()).isEqualTo(StoreValidator.Result.READ_WRITE);
        }
    }
}
