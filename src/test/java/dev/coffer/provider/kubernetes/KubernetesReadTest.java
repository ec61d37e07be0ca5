package dev.coffer.provider.kubernetes;

import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.kubernetes.MockApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

import static dev.coffer.provider.kubernetes.KubeStores.find;
import static dev.coffer.provider.kubernetes.KubeStores.metadataRef;
import static dev.coffer.provider.kubernetes.KubeStores.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the provider reads from a remote namespace, against the CRUD mock API server. */
class KubernetesReadTest {

    static final String CANARY = "canary-Zq81-never-print-me";

    static MockApiServer remote;
    static SecretsClient client;

    @BeforeAll
    static void start() {
        remote = MockApiServer.http();
        remote.createSecret(KubeStores.REMOTE_NS, "db",
                Map.of("username", "app", "password", CANARY, "config.json", "{\"host\":\"db.local\"}",
                        "settings", "{\"pool\":{\"size\":5},\"mode\":\"rw\"}"),
                Map.of("team", "a"), Map.of("owner", "ops", "example.com/meta", "{\"tier\":\"gold\"}"));
        remote.createSecret(KubeStores.REMOTE_NS, "db-replica", Map.of("username", "ro"), Map.of("team", "a"), null);
        remote.createSecret(KubeStores.REMOTE_NS, "api-key", Map.of("key", "k1"), Map.of("team", "b"), null);
        remote.createSecret("elsewhere", "db-other", Map.of("username", "nope"), Map.of("team", "a"), null);
        InMemoryKube kube = new InMemoryKube().apiServerUrl(remote.url())
                .secret(KubeStores.APPS, "remote-token", Map.of("token", "t0ken"));
        client = new KubernetesProviderImpl().newClient(KubeStores.secretStore(KubeStores.tokenAuth(remote.url()), kube));
    }

    @AfterAll
    static void stop() {
        client.close();
        remote.close();
    }

    @Test
    void propertyReadsOneDataKeyDecoded() {
        assertThat(text(client.getSecret(ref("db", "username")))).isEqualTo("app");
        assertThat(text(client.getSecret(ref("db", "config.json")))).isEqualTo("{\"host\":\"db.local\"}");
    }

    @Test
    void propertyWithDotReadsIntoAJsonKeyWhenNoKeyHasThatName() {
        assertThat(text(client.getSecret(ref("db", "settings.pool.size")))).isEqualTo("5");
        assertThat(text(client.getSecret(ref("db", "settings.mode")))).isEqualTo("rw");
    }

    @Test
    void withoutPropertyTheWholeSecretIsAJsonObjectOfStrings() {
        assertThat(text(client.getSecret(ref("db-replica", null)))).isEqualTo("{\"username\":\"ro\"}");
        assertThat(text(client.getSecret(ref("db", null)))).isEqualTo("{\"config.json\":\"{\\\"host\\\":\\\"db.local\\\"}\","
                + "\"password\":\"" + CANARY + "\",\"settings\":\"{\\\"pool\\\":{\\\"size\\\":5},\\\"mode\\\":\\\"rw\\\"}\","
                + "\"username\":\"app\"}");
    }

    @Test
    void extractReturnsEveryDataKey() {
        Map<String, byte[]> map = client.getSecretMap(ref("db", null));
        assertThat(map).containsOnlyKeys("username", "password", "config.json", "settings");
        assertThat(text(map.get("username"))).isEqualTo("app");
    }

    @Test
    void extractWithPropertySplitsThatKeysJson() {
        Map<String, byte[]> map = client.getSecretMap(ref("db", "settings"));
        assertThat(map).containsOnlyKeys("pool", "mode");
        assertThat(text(map.get("pool"))).isEqualTo("{\"size\":5}");
        assertThat(text(map.get("mode"))).isEqualTo("rw");
    }

    @Test
    void findByRegexpMatchesNamesInTheRemoteNamespaceOnly() {
        Map<String, byte[]> found = client.getAllSecrets(find("^db", null));
        assertThat(found).containsOnlyKeys("db", "db-replica");
        assertThat(text(found.get("db-replica"))).isEqualTo("{\"username\":\"ro\"}");
    }

    @Test
    void findByTagsIsALabelSelector() {
        assertThat(client.getAllSecrets(find(null, Map.of("team", "b")))).containsOnlyKeys("api-key");
        assertThat(client.getAllSecrets(find(null, Map.of("team", "a")))).containsOnlyKeys("db", "db-replica");
    }

    @Test
    void findWithRegexpAndTagsAppliesBoth() {
        assertThat(client.getAllSecrets(find("replica", Map.of("team", "a")))).containsOnlyKeys("db-replica");
    }

    @Test
    void findNeedsANameOrTagsAndAValidRegexp() {
        assertKind(() -> client.getAllSecrets(find(null, null)), ProviderException.Kind.INVALID_CONFIG);
        assertThatThrownBy(() -> client.getAllSecrets(find("(", null)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("not a valid regular expression");
    }

    @Test
    void metadataFetchReturnsLabelsAndAnnotations() {
        assertThat(text(client.getSecret(metadataRef("db", null))))
                .isEqualTo("{\"annotations\":{\"example.com/meta\":\"{\\\"tier\\\":\\\"gold\\\"}\",\"owner\":\"ops\"},"
                        + "\"labels\":{\"team\":\"a\"}}");
        assertThat(text(client.getSecret(metadataRef("api-key", null))))
                .isEqualTo("{\"annotations\":{},\"labels\":{\"team\":\"b\"}}");
    }

    @Test
    void metadataPropertyReadsOneMapOneEntryOrIntoItsJson() {
        assertThat(text(client.getSecret(metadataRef("db", "labels")))).isEqualTo("{\"team\":\"a\"}");
        assertThat(text(client.getSecret(metadataRef("db", "annotations.owner")))).isEqualTo("ops");
        assertThat(text(client.getSecret(metadataRef("db", "annotations.example.com/meta")))).isEqualTo("{\"tier\":\"gold\"}");
        assertKind(() -> client.getSecret(metadataRef("db", "labels.missing")), ProviderException.Kind.MISSING_VALUE);
        assertKind(() -> client.getSecret(metadataRef("db", "owner")), ProviderException.Kind.INVALID_CONFIG);
    }

    @Test
    void metadataExtractGivesLabelsAndAnnotationsKeys() {
        Map<String, byte[]> map = client.getSecretMap(metadataRef("db", null));
        assertThat(map).containsOnlyKeys("labels", "annotations");
        assertThat(text(map.get("labels"))).isEqualTo("{\"team\":\"a\"}");
        assertThat(client.getSecretMap(metadataRef("db", "labels"))).containsOnlyKeys("team");
    }

    @Test
    void onlyAMissingSecretIsNotFoundAMissingKeyIsAMissingValue() {
        assertThatThrownBy(() -> client.getSecret(ref("nope", null)))
                .isInstanceOf(ProviderException.class)
                .hasMessage("Secret \"nope\" not found in namespace shared-secrets")
                .extracting(e -> ((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.NOT_FOUND);
        assertKind(() -> client.getSecret(ref("db", "nope")), ProviderException.Kind.MISSING_VALUE);
        assertKind(() -> client.getSecretMap(ref("nope", null)), ProviderException.Kind.NOT_FOUND);
        assertKind(() -> client.getSecretMap(ref("db", "nope")), ProviderException.Kind.MISSING_VALUE);
        assertKind(() -> client.getSecret(ref("db", "settings.nope")), ProviderException.Kind.MISSING_VALUE);
        // a Secret of another namespace is not visible
        assertKind(() -> client.getSecret(ref("db-other", null)), ProviderException.Kind.NOT_FOUND);
    }

    @Test
    void aKeyThatIsNotASecretNameIsRefusedBeforeAnyRequest() {
        assertKind(() -> client.getSecret(ref("../configmaps/x", null)), ProviderException.Kind.INVALID_CONFIG);
    }

    @Test
    void liveValidationPassesWhenSecretsMayBeRead() {
        client.validate();
    }

    @Test
    void failingCallsNeverQuoteSecretValues() {
        Function<Runnable, String> messageOf = call -> {
            try {
                call.run();
                return "";
            } catch (ProviderException e) {
                return e.getMessage();
            }
        };
        assertThat(messageOf.apply(() -> client.getSecretMap(ref("db", "password")))).isNotEmpty().doesNotContain(CANARY);
        assertThat(messageOf.apply(() -> client.getSecret(ref("db", "password.x")))).isNotEmpty().doesNotContain(CANARY);
        assertThat(messageOf.apply(() -> client.getSecret(ref("db", "nope")))).isNotEmpty().doesNotContain(CANARY);
        assertThat(messageOf.apply(() -> client.getSecret(ref("nope", "password")))).isNotEmpty().doesNotContain(CANARY);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static void assertKind(Runnable call, ProviderException.Kind kind) {
        assertThatThrownBy(call::run).isInstanceOf(ProviderException.class)
                .extracting(e -> ((ProviderException) e).kind()).isEqualTo(kind);
    }
}
