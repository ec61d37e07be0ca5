package dev.coffer.provider.vault;

import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.PushOutcome;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.PushRequest;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.SecretsPusher;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.MutableClock;
import dev.coffer.testsupport.vault.VaultStores;
import dev.coffer.testsupport.vault.VaultTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.coffer.store.StoreValidator;
import dev.coffer.store.ClientCache;
import dev.coffer.store.ProviderRegistry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static dev.coffer.testsupport.vault.VaultStores.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** KV v1/v2 push through the real driver's transport against the local Vault test server. */
class VaultPushTest {

    private final MutableClock clock = new MutableClock();
    private final InMemoryKube kube = new InMemoryKube().secret(VaultStores.NAMESPACE, "vault-token", Map.of("token", "root-token"));
    private VaultTestServer vault;
    private SecretsClient client;

    @BeforeEach
    void start() {
        vault = VaultTestServer.start(clock).mount("secret", 2).mount("kv1", 1).token("root-token", 0, false);
        vault.put("secret", "theirs", Map.of("k", "theirs"));
        vault.customMetadata("secret", "theirs", Map.of("team", "web"));
        vault.put("kv1", "theirs", Map.of("k", "theirs"));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        vault.close();
    }

    private SecretsPusher pusher(boolean v2) {
        client = VaultStores.tokenClient(vault.url(), v2, kube, clock);
        return client.pusher().orElseThrow();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private long writes() {
        return vault.seen().stream().filter(s -> !s.method().equals("GET") && !s.path().startsWith("auth/")).count();
    }

    @Test
    void v2CreatesWithTheMarkerThenWritesWithCheckAndSetOnlyOnChange() {
        SecretsPusher pusher = pusher(true);
        PushRemoteRef ref = PushRemoteRef.of("app/db", "password");

        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("p-1"), false))).isEqualTo(PushOutcome.CREATED);
        assertThat(vault.customMetadataOf("secret", "app/db")).containsEntry("managed-by", "external-secrets");
        assertThat(vault.current("secret", "app/db")).isEqualTo(Map.of("password", "p-1"));

        long writes = writes();
        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("p-1"), false))).isEqualTo(PushOutcome.UNCHANGED);
        assertThat(writes()).as("no new version for the same value").isEqualTo(writes);
        assertThat(vault.versions("secret", "app/db")).isEqualTo(1);

        assertThat(pusher.push(PushRequest.ofValue(PushRemoteRef.of("app/db", "user"), bytes("admin"), false))).isEqualTo(PushOutcome.UPDATED);
        assertThat(vault.current("secret", "app/db")).isEqualTo(Map.of("password", "p-1", "user", "admin"));
        assertThat(vault.versions("secret", "app/db")).isEqualTo(2);
    }

    @Test
    void v2WholeSecretReplacesTheDataAndASingleValueNeedsJsonOrAProperty() {
        SecretsPusher pusher = pusher(true);
        PushRemoteRef whole = PushRemoteRef.of("app/all", null);
        pusher.push(PushRequest.ofWholeSecret(whole, Map.of("a", bytes("1"), "b", bytes("2")), false));
        assertThat(vault.current("secret", "app/all")).isEqualTo(Map.of("a", "1", "b", "2"));

        assertThatThrownBy(() -> pusher.push(PushRequest.ofValue(PushRemoteRef.of("app/plain", null), bytes("not json"), false)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG))
                .hasMessageContaining("remoteRef.property").hasMessageNotContaining("not json");
        assertThat(vault.versions("secret", "app/plain")).isZero();
    }

    @Test
    void aConcurrentWriterIsNotLost() {
        SecretsPusher pusher = pusher(true);
        PushRemoteRef ref = PushRemoteRef.of("app/cas", "a");
        pusher.push(PushRequest.ofValue(ref, bytes("1"), false));
        vault.racingWrite("secret", "app/cas", Map.of("a", "1", "b", "theirs"));

        assertThatThrownBy(() -> pusher.push(PushRequest.ofValue(ref, bytes("2"), false)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE))
                .hasMessageContaining("check-and-set");
        assertThat(vault.current("secret", "app/cas")).as("the other writer's version stands").isEqualTo(Map.of("a", "1", "b", "theirs"));

        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("2"), false))).as("the retry merges into the latest version")
                .isEqualTo(PushOutcome.UPDATED);
        assertThat(vault.current("secret", "app/cas")).isEqualTo(Map.of("a", "2", "b", "theirs"));
    }

    @Test
    void aFailedFirstWriteTakesTheMarkerBack() {
        SecretsPusher pusher = pusher(true);
        vault.racingWrite("secret", "app/new", Map.of("x", "someone"));

        assertThatThrownBy(() -> pusher.push(PushRequest.ofValue(PushRemoteRef.of("app/new", "a"), bytes("1"), false)))
                .isInstanceOf(ProviderException.class);
        assertThat(vault.customMetadataOf("secret", "app/new")).as("no marker left on a secret Coffer did not write").isEmpty();
        assertThat(vault.current("secret", "app/new")).as("and the other writer's version kept").isEqualTo(Map.of("x", "someone"));
    }

    @Test
    void v2UnmarkedSecretsAreRefusedUnlessReplaceAndNeverDeleted() {
        SecretsPusher pusher = pusher(true);
        PushRemoteRef theirs = PushRemoteRef.of("theirs", "k");
        assertThat(pusher.exists(theirs)).isTrue();

        long writes = writes();
        assertThatThrownBy(() -> pusher.push(PushRequest.ofValue(theirs, bytes("ours"), false)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("not managed by external-secrets");
        assertThat(writes()).as("a refused push writes nothing").isEqualTo(writes);

        assertThat(pusher.push(PushRequest.ofValue(theirs, bytes("ours"), true))).isEqualTo(PushOutcome.UPDATED);
        assertThat(vault.current("secret", "theirs")).isEqualTo(Map.of("k", "ours"));
        assertThat(vault.customMetadataOf("secret", "theirs")).as("replaced but still unmarked").isEqualTo(Map.of("team", "web"));
        assertThat(pusher.delete(theirs)).isFalse();
        assertThat(vault.versions("secret", "theirs")).isEqualTo(2);
    }

    @Test
    void v2DeleteRemovesAPropertyThenTheMetadataWithEveryVersion() {
        SecretsPusher pusher = pusher(true);
        PushRemoteRef user = PushRemoteRef.of("app/db", "user");
        PushRemoteRef pass = PushRemoteRef.of("app/db", "password");
        pusher.push(PushRequest.ofValue(user, bytes("admin"), false));
        pusher.push(PushRequest.ofValue(pass, bytes("s3cret"), false));

        assertThat(pusher.delete(user)).isTrue();
        assertThat(vault.current("secret", "app/db")).isEqualTo(Map.of("password", "s3cret"));
        assertThat(pusher.exists(user)).isFalse();
        assertThat(pusher.delete(pass)).isTrue();
        assertThat(vault.versions("secret", "app/db")).isZero();
        assertThat(vault.seen()).anySatisfy(s -> assertThat(s.method() + " " + s.path()).isEqualTo("DELETE secret/metadata/app/db"));
        assertThat(pusher.exists(PushRemoteRef.of("app/db", null))).isFalse();
        assertThat(pusher.delete(PushRemoteRef.of("app/db", null))).as("already gone").isFalse();
    }

    @Test
    void v1KeepsTheMarkerInsideTheValueAsUpstreamDoes() {
        SecretsPusher pusher = pusher(false);
        PushRemoteRef ref = PushRemoteRef.of("app/token", "token");

        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("t-1"), false))).isEqualTo(PushOutcome.CREATED);
        assertThat(vault.current("kv1", "app/token"))
                .isEqualTo(Map.of("token", "t-1", "custom_metadata", Map.of("managed-by", "external-secrets")));
        long writes = writes();
        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("t-1"), false))).isEqualTo(PushOutcome.UNCHANGED);
        assertThat(writes()).isEqualTo(writes);
        assertThat(pusher.push(PushRequest.ofValue(ref, bytes("t-2"), false))).isEqualTo(PushOutcome.UPDATED);
        assertThat(vault.current("kv1", "app/token")).containsEntry("token", "t-2").containsKey("custom_metadata");

        assertThat(pusher.delete(ref)).isTrue();
        assertThat(vault.current("kv1", "app/token")).isNull();
    }

    @Test
    void v1UnmarkedSecretsAreRefusedAndNeverDeleted() {
        SecretsPusher pusher = pusher(false);
        PushRemoteRef theirs = PushRemoteRef.of("theirs", "k");
        assertThatThrownBy(() -> pusher.push(PushRequest.ofValue(theirs, bytes("ours"), false)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("not managed by external-secrets");
        assertThat(pusher.delete(theirs)).isFalse();
        assertThat(vault.current("kv1", "theirs")).isEqualTo(Map.of("k", "theirs"));
    }

    @Test
    void theStoreReportsReadWrite() {
        VaultProvider v = VaultStores.kv2(vault.url());
        v.auth.tokenSecretRef = ref("vault-token", "token");
        try (ClientCache cache = new ClientCache()) {
            StoreValidator.Result r = new StoreValidator(new ProviderRegistry(java.util.List.of(
                    new VaultProviderImpl(clock, Path.of("/nonexistent")))), cache).validate(VaultStores.context(v, kube));
            assertThat(r.ready()).as(r.message()).isTrue();
            assertThat(r.capabilities()).isEqualTo(StoreValidator.Result.READ_WRITE);
        }
    }
}
