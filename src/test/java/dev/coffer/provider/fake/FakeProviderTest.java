package dev.coffer.provider.fake;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.externalsecrets.v1.SecretStoreProvider;
import dev.coffer.provider.Provider;
import dev.coffer.provider.ProviderException;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.FakeStores;
import dev.coffer.testsupport.Manifests;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeProviderTest {

    private static final String JSON = "{\"a\":{\"b\":\"deep\"},\"x.y\":\"dotted-key\",\"p\":{\"q.r\":\"escaped\"},"
            + "\"arr\":[{\"n\":1},\"two\"],\"num\":5,\"flag\":true,\"obj\":{\"z\":1},\"nil\":null}";

    private static SecretStore store(String extra) {
        SecretStore s = Manifests.parse("""
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: fake, namespace: team-a}
                spec:
                  provider:
                    fake:
                %s
                      data:
                        - {key: plain, value: hello}
                        - {key: versioned, value: current}
                        - {key: versioned, value: first, version: v1}
                        - {key: versioned, value: second, version: v2}
                        - {key: app/db, value: db-pass}
                        - {key: app/cache, value: cache-pass}
                        - {key: other/db, value: other-pass}
                """.formatted(extra.indent(6)), SecretStore.class);
        FakeStores.with(s, "json", JSON, null);
        return s;
    }

    private static SecretsClient client() {
        return FakeStores.client(store(""));
    }

    private static ExternalSecretDataRemoteRef ref(String yaml) {
        return Manifests.fragment(yaml, ExternalSecretDataRemoteRef.class);
    }

    private static String get(String refYaml) {
        return new String(client().getSecret(ref(refYaml)), StandardCharsets.UTF_8);
    }

    private static void fails(ThrowableAssert.ThrowingCallable call, ProviderException.Kind kind, String messagePart) {
        assertThatThrownBy(call).isInstanceOf(ProviderException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(kind));
    }

    @Test
    void registryPicksTheFakeProviderByItsBlock() {
        Provider p = ProviderRegistry.standard().forBlock(store("").getSpec().provider);
        assertThat(p.name()).isEqualTo("fake");
        assertThat(client().providerName()).isEqualTo("fake");
        fails(() -> ProviderRegistry.standard().forBlock(new SecretStoreProvider()), ProviderException.Kind.INVALID_CONFIG, "found none");
        fails(() -> ProviderRegistry.standard().forBlock(null), ProviderException.Kind.INVALID_CONFIG, "exactly one");
    }

    @Test
    void validateRequiresKeysAndValues() {
        SecretStore s = store("");
        FakeStores.with(s, "", "v", null);
        Provider p = ProviderRegistry.standard().forBlock(s.getSpec().provider);
        fails(() -> p.validate(FakeStores.context(s)), ProviderException.Kind.INVALID_CONFIG, "].key is required");
        SecretStore noValue = store("");
        FakeStores.with(noValue, "k", null, null);
        fails(() -> p.validate(FakeStores.context(noValue)), ProviderException.Kind.INVALID_CONFIG, "].value is required");
    }

    @Test
    void plainValue() {
        assertThat(get("{key: plain}")).isEqualTo("hello");
    }

    @Test
    void versionsAreSeparateEntries() {
        assertThat(get("{key: versioned}")).isEqualTo("current");
        assertThat(get("{key: versioned, version: v1}")).isEqualTo("first");
        assertThat(get("{key: versioned, version: v2}")).isEqualTo("second");
        fails(() -> get("{key: versioned, version: v3}"), ProviderException.Kind.NOT_FOUND, "version \"v3\"");
        fails(() -> get("{key: absent}"), ProviderException.Kind.NOT_FOUND, "key \"absent\"");
        // a key that exists only with versions has no unversioned value
        SecretStore s = store("");
        FakeStores.with(s, "only-versioned", "x", "v1");
        fails(() -> FakeStores.client(s).getSecret(ref("{key: only-versioned}")), ProviderException.Kind.NOT_FOUND, "only-versioned");
    }

    @Test
    void propertyByJsonPath() {
        assertThat(get("{key: json, property: a.b}")).isEqualTo("deep");
        assertThat(get("{key: json, property: arr.0.n}")).isEqualTo("1");
        assertThat(get("{key: json, property: arr.1}")).isEqualTo("two");
        assertThat(get("{key: json, property: num}")).isEqualTo("5");
        assertThat(get("{key: json, property: flag}")).isEqualTo("true");
        assertThat(get("{key: json, property: obj}")).isEqualTo("{\"z\":1}");
        assertThat(get("{key: json, property: a}")).isEqualTo("{\"b\":\"deep\"}");
    }

    @Test
    void propertyWithDots() {
        // a top-level key that contains a dot wins over the path reading
        assertThat(get("{key: json, property: x.y}")).isEqualTo("dotted-key");
        // gjson-style escaped dot inside a path
        assertThat(get("{key: json, property: 'p.q\\.r'}")).isEqualTo("escaped");
    }

    @Test
    void missingPropertyIsAMissingValue() {
        fails(() -> get("{key: json, property: a.c}"), ProviderException.Kind.MISSING_VALUE, "property \"a.c\"");
        fails(() -> get("{key: json, property: arr.7}"), ProviderException.Kind.MISSING_VALUE, "arr.7");
        fails(() -> get("{key: json, property: num.x}"), ProviderException.Kind.MISSING_VALUE, "num.x");
    }

    @Test
    void propertyOfANonJsonValueIsInvalidConfigWithoutTheValue() {
        assertThatThrownBy(() -> get("{key: plain, property: user}"))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("\"plain\"")
                .hasMessageNotContaining("hello")
                .hasNoCause()
                .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG));
    }

    @Test
    void metadataFetchIsUnsupported() {
        fails(() -> get("{key: plain, metadataPolicy: Fetch}"), ProviderException.Kind.INVALID_CONFIG, "metadata");
    }

    @Test
    void extractSplitsTopLevelKeysKeepingNestedValuesAsWrittenAndNullEmpty() {
        Map<String, String> out = new LinkedHashMap<>();
        client().getSecretMap(ref("{key: json}")).forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        assertThat(out).containsExactly(
                Map.entry("a", "{\"b\":\"deep\"}"),
                Map.entry("x.y", "dotted-key"),
                Map.entry("p", "{\"q.r\":\"escaped\"}"),
                Map.entry("arr", "[{\"n\":1},\"two\"]"),
                Map.entry("num", "5"),
                Map.entry("flag", "true"),
                Map.entry("obj", "{\"z\":1}"),
                Map.entry("nil", ""));
    }

    @Test
    void extractWithPropertySplitsTheNestedObject() {
        assertThat(client().getSecretMap(ref("{key: json, property: a}"))).containsOnlyKeys("b");
    }

    @Test
    void extractOfANonObjectIsInvalidConfig() {
        fails(() -> client().getSecretMap(ref("{key: plain}")), ProviderException.Kind.INVALID_CONFIG, "not valid JSON");
        fails(() -> client().getSecretMap(ref("{key: json, property: arr}")), ProviderException.Kind.INVALID_CONFIG, "not a JSON object");
    }

    @Test
    void findByNameRegexpAndPath() {
        ExternalSecretFind byName = Manifests.fragment("{name: {regexp: 'db$'}}", ExternalSecretFind.class);
        assertThat(client().getAllSecrets(byName)).containsOnlyKeys("app/db", "other/db");
        ExternalSecretFind byPath = Manifests.fragment("{path: app/}", ExternalSecretFind.class);
        assertThat(client().getAllSecrets(byPath)).containsOnlyKeys("app/db", "app/cache");
        ExternalSecretFind both = Manifests.fragment("{path: app/, name: {regexp: cache}}", ExternalSecretFind.class);
        assertThat(client().getAllSecrets(both)).containsOnlyKeys("app/cache");
        assertThat(new String(client().getAllSecrets(both).get("app/cache"), StandardCharsets.UTF_8)).isEqualTo("cache-pass");
    }

    @Test
    void findReadsTheHighestVersionOfEachKey() {
        ExternalSecretFind f = Manifests.fragment("{name: {regexp: '^versioned$'}}", ExternalSecretFind.class);
        Map<String, byte[]> found = client().getAllSecrets(f);
        assertThat(found).containsOnlyKeys("versioned");
        assertThat(new String(found.get("versioned"), StandardCharsets.UTF_8)).isEqualTo("second");
    }

    @Test
    void findByTagsIsUnsupported() {
        ExternalSecretFind f = Manifests.fragment("{tags: {env: prod}}", ExternalSecretFind.class);
        fails(() -> client().getAllSecrets(f), ProviderException.Kind.INVALID_CONFIG, "tags");
    }

    @Test
    void validationResultTwoFailsValidation() {
        fails(() -> FakeStores.client(store("validationResult: 2")).validate(), ProviderException.Kind.UNAVAILABLE, "validationResult");
        FakeStores.client(store("validationResult: 0")).validate();
        FakeStores.client(store("")).validate();
    }
}
