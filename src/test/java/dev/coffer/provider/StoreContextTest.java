package dev.coffer.provider;

import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.StoreFixtures;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreContextTest {

    private final InMemoryKube kube = new InMemoryKube()
            .secret("team-a", "creds", Map.of("token", " t-a \n"))
            .secret("team-b", "creds", Map.of("token", "t-b"))
            .secret("infra", "creds", Map.of("token", "t-infra"))
            .secret(new SecretBuilder().withNewMetadata().withNamespace("team-a").withName("string-data").endMetadata()
                    .withStringData(Map.of("token", "from-string-data")).build())
            .configMap("team-a", "ca", Map.of("ca.crt", "PEM"));

    private StoreContext secretStore() {
        return StoreFixtures.secretStore("team-a", "s", new SecretStoreSpec(), kube);
    }

    private StoreContext clusterStore(String consumer) {
        return StoreFixtures.clusterStore("css", new SecretStoreSpec(), consumer, kube);
    }

    private static SecretKeySelector sel(String ns, String name, String key) {
        SecretKeySelector s = new SecretKeySelector();
        s.namespace = ns;
        s.name = name;
        s.key = key;
        return s;
    }

    private static void invalidConfig(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String part) {
        assertThatThrownBy(call).isInstanceOf(ProviderException.class).hasMessageContaining(part)
                .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG));
    }

    @Test
    void secretStoreResolvesInItsOwnNamespaceOnly() {
        StoreContext ctx = secretStore();
        assertThat(ctx.namespaceOf(null, "auth")).isEqualTo("team-a");
        assertThat(ctx.namespaceOf("", "auth")).isEqualTo("team-a");
        assertThat(ctx.namespaceOf("team-a", "auth")).isEqualTo("team-a");
        invalidConfig(() -> ctx.namespaceOf("team-b", "spec.provider.x.auth"), "may only reference Secrets in its own namespace");
        invalidConfig(() -> ctx.secretValue(sel("infra", "creds", "token"), "auth"), "\"infra\"");
    }

    @Test
    void clusterStoreResolvesNamespaceLessRefsToTheConsumerNamespace() {
        assertThat(clusterStore("team-b").namespaceOf(null, "auth")).isEqualTo("team-b");
        assertThat(clusterStore("team-b").secretString(sel(null, "creds", "token"), "auth")).isEqualTo("t-b");
        assertThat(clusterStore("team-a").secretString(sel(null, "creds", "token"), "auth")).isEqualTo("t-a");
    }

    @Test
    void clusterStoreMayNameAnyNamespace() {
        assertThat(clusterStore("team-a").namespaceOf("infra", "auth")).isEqualTo("infra");
        assertThat(clusterStore("team-a").secretString(sel("infra", "creds", "token"), "auth")).isEqualTo("t-infra");
    }

    @Test
    void secretValueIsDecodedAndSecretStringTrimmed() {
        assertThat(new String(secretStore().secretValue(sel(null, "creds", "token"), "auth"), StandardCharsets.UTF_8)).isEqualTo(" t-a \n");
        assertThat(secretStore().secretString(sel(null, "creds", "token"), "auth")).isEqualTo("t-a");
        assertThat(secretStore().secretString(sel(null, "string-data", "token"), "auth")).isEqualTo("from-string-data");
    }

    @Test
    void missingSecretOrKeyIsInvalidConfig() {
        StoreContext ctx = secretStore();
        invalidConfig(() -> ctx.secretValue(sel(null, "absent", "token"), "auth.secretRef"), "Secret team-a/absent not found");
        invalidConfig(() -> ctx.secretValue(sel(null, "creds", "nope"), "auth.secretRef"), "key \"nope\" not found in Secret team-a/creds");
        invalidConfig(() -> ctx.secretValue(sel(null, null, "token"), "auth.secretRef"), "a Secret name is required");
        invalidConfig(() -> ctx.secretValue(sel(null, "creds", null), "auth.secretRef"), "a key is required");
        invalidConfig(() -> ctx.secretValue(null, "auth.secretRef"), "auth.secretRef");
    }

    @Test
    void configMapValues() {
        assertThat(secretStore().configMapValue(null, "ca", "ca.crt", "caProvider")).isEqualTo("PEM");
        invalidConfig(() -> secretStore().configMapValue(null, "ca", "other", "caProvider"), "key \"other\" not found in ConfigMap team-a/ca");
        invalidConfig(() -> secretStore().configMapValue(null, "absent", "ca.crt", "caProvider"), "ConfigMap team-a/absent not found");
        invalidConfig(() -> secretStore().configMapValue("team-b", "ca", "ca.crt", "caProvider"), "own namespace");
    }
}
