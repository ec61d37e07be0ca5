package dev.coffer.peers.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.PushOutcome;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.PushRequest;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.SecretsPusher;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.peers.VaultDevServer;
import dev.coffer.testsupport.vault.VaultStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * KV v1 and v2 push on the real Vault through Coffer's vault provider: the managed-by custom
 * metadata, writes only on change (the current version stays), check-and-set (the v2 mount
 * requires it, so a write without it would fail), properties merged and removed, unmarked
 * secrets refused and kept, delete of the metadata with every version, and KV v1's marker.
 * The same cases as VaultPushTest, which runs them against the local fake.
 */
@Tag("peers")
class VaultPushPeerTest {

    private static VaultDevServer vault;
    private final InMemoryKube kube = new InMemoryKube()
            .secret(VaultStores.NAMESPACE, "vault-token", Map.of("token", VaultDevServer.ROOT_TOKEN));
    private SecretsClient client;

    @BeforeAll
    static void startVault() {
        vault = VaultDevServer.start();
        vault.write("sys/mounts/kv1", Map.of("type", "kv", "options", Map.of("version", "1")));
        vault.write("secret/config", Map.of("cas_required", true));
        vault.write("secret/data/theirs", Map.of("data", Map.of("k", "theirs"), "options", Map.of("cas", 0)));
        vault.write("secret/metadata/theirs", Map.of("custom_metadata", Map.of("team", "web")));
        vault.write("kv1/theirs", Map.of("k", "theirs"));
    }

    @AfterAll
    static void stopVault() {
        if (vault != null) {
            vault.close();
        }
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    private SecretsPusher pusher(boolean v2) {
        client = VaultStores.tokenClient(vault.url(), v2, kube, Clock.systemUTC());
        return client.pusher().orElseThrow();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode metadata(String key) {
        return vault.read("secret/metadata/" + key).path("data");
    }

    private static JsonNode data(String path) {
        return vault.read(path).path("data");
    }

    @Test
    void v2CreatesWithTheMarkerAndWritesOnlyOnChangeWithCheckAndSet() {
        SecretsPusher pusher = pusher(true);
        PushRemoteRef pass = PushRemoteRef.of("app/db", "password");

        assertThat(pusher.push(PushRequest.ofValue(pass, bytes("p-1"), false))).isEqualTo(PushOutcome.CREATED);
        assertThat(metadata("app/db").path("custom_metadata").path("managed-by").asText()).isEqualTo("external-secrets");
        assertThat(metadata("app/db").path("current_version").asInt()).isEqualTo(1);

        assertThat(pusher.push(PushRequest.ofValue(pass, bytes("p-1"), false))).isEqualTo(PushOutcome.UNCHANGED);
        assertThat(metadata("app/db").path("current_version").asInt()).as("no new version for the same value").isEqualTo(1);

        assertThat(pusher.push(PushRequest.ofValue(PushRemoteRef.of("app/db", "user"), bytes("admin"), false)))
                .isEqualTo(PushOutcome.UPDATED);
        JsonNode current = data("secret/data/app/db").path("data");
        assertThat(current.path("user").asText()).isEqualTo("admin");
        assertThat(current.path("password").asText()).isEqualTo("p-1");
        assertThat(metadata("app/db").path("current_version").asInt()).isEqualTo(2);

        assertThat(pusher.delete(PushRemoteRef.of("app/db", "user"))).isTrue();
        assertThat(data("secret/data/app/db").path("data").has("user")).isFalse();
        assertThat(pusher.delete(pass)).isTrue();
        assertThat(vault.send("GET", "secret/metadata/app/db", null, VaultDevServer.ROOT_TOKEN).statusCode())
                .as("the metadata and every version are gone").isEqualTo(404);
    }

    @Test
    void v2UnmarkedSecretsAreRefusedUnlessReplaceAndNeverDeleted() {
        SecretsPusher pusher = pusher(true);
        PushRemoteRef theirs = PushRemoteRef.of("theirs", "k");
        assertThat(pusher.exists(theirs)).isTrue();
        assertThatThrownBy(() -> pusher.push(PushRequest.ofValue(theirs, bytes("ours"), false)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("not managed by external-secrets");
        assertThat(metadata("theirs").path("current_version").asInt()).as("a refused push writes nothing").isEqualTo(1);
        assertThat(pusher.delete(theirs)).isFalse();
        assertThat(data("secret/data/theirs").path("data").path("k").asText()).isEqualTo("theirs");
    }

    @Test
    void v2WholeSecretReplacesTheData() {
        SecretsPusher pusher = pusher(true);
        PushRemoteRef whole = PushRemoteRef.of("app/all", null);
        assertThat(pusher.push(PushRequest.ofWholeSecret(whole, Map.of("a", bytes("1"), "b", bytes("2")), false)))
                .isEqualTo(PushOutcome.CREATED);
        assertThat(data("secret/data/app/all").path("data").toString()).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
        assertThat(pusher.push(PushRequest.ofWholeSecret(whole, Map.of("a", bytes("1"), "b", bytes("2")), false)))
                .isEqualTo(PushOutcome.UNCHANGED);
        assertThat(pusher.delete(whole)).isTrue();
        assertThat(pusher.exists(whole)).isFalse();
    }

    @Test
    void v1KeepsTheMarkerInsideTheValueAndLeavesUnmarkedSecretsAlone() {
        SecretsPusher pusher = pusher(false);
        PushRemoteRef ref = PushRemoteRef.of("app/token", "token");
        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("t-1"), false))).isEqualTo(PushOutcome.CREATED);
        assertThat(data("kv1/app/token").path("custom_metadata").path("managed-by").asText()).isEqualTo("external-secrets");
        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("t-1"), false))).isEqualTo(PushOutcome.UNCHANGED);
        assertThat(pusher.delete(ref)).isTrue();
        assertThat(pusher.exists(ref)).isFalse();

        PushRemoteRef theirs = PushRemoteRef.of("theirs", "k");
        assertThatThrownBy(() -> pusher.push(PushRequest.ofValue(theirs, bytes("ours"), false)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("not managed by external-secrets");
        assertThat(pusher.delete(theirs)).isFalse();
        assertThat(data("kv1/theirs").path("k").asText()).isEqualTo("theirs");
    }
}
