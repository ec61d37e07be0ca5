package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.GeneratorRef;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.generator.GeneratorSource;
import dev.coffer.api.externalsecrets.v1.SecretStoreRef;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.FakeStores;
import dev.coffer.testsupport.Specs;
import dev.coffer.testsupport.TestResources;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataFetcherTest {

    private final Map<String, SecretsClient> stores = new LinkedHashMap<>();
    private final List<String> asked = new ArrayList<>();
    private final DataFetcher fetcher = new DataFetcher(this::clientFor);

    private SecretsClient clientFor(SecretStoreRef ref) {
        asked.add(ref.name);
        SecretsClient c = stores.get(ref.name);
        if (c == null) {
            throw new IllegalStateException("no store " + ref.name);
        }
        return c;
    }

    private void store(String name, Map<String, String> entries) {
        stores.put(name, FakeStores.client(TestResources.fakeStore("team-a", name, entries)));
    }

    /** Fetched, then shaped as the sync engine does, so the items merge in order. */
    private Map<String, String> fetch(String specYaml) {
        return text(SyncEngine.fetchAndShape(fetcher, Specs.spec(specYaml), new GoTemplater(), GeneratorSource.NONE));
    }

    private static Map<String, String> text(Map<String, byte[]> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void theFetchStepReturnsEachItemsRawValuesInTheOrderTheyApply() {
        SecretStore main = TestResources.fakeStore("team-a", "main", Map.of("enc", "aGVsbG8=", "app/db", "1"));
        FakeStores.with(main, "nul", "a\u0000b", null);
        stores.put("main", FakeStores.client(main));
        List<FetchedItem> items = fetcher.fetch(Specs.spec("""
                secretStoreRef: {name: main}
                data:
                  - secretKey: plain
                    remoteRef: {key: enc, decodingStrategy: Base64}
                  - secretKey: nul
                    remoteRef: {key: nul, nullBytePolicy: Fail}
                dataFrom:
                  - find:
                      name: {regexp: "^app/"}
                    rewrite:
                      - regexp: {source: "app/(.*)", target: "$1"}
                """));
        assertThat(items).extracting(FetchedItem::where).containsExactly("spec.dataFrom[0]", "spec.data[0]", "spec.data[1]");
        assertThat(items).extracting(FetchedItem::origin).containsOnly(FetchedItem.Origin.PROVIDER);
        // no decoding, no conversion or rewrite, no null-byte check: that is the shape step's
        assertThat(text(items.get(0).values())).containsExactly(Map.entry("app/db", "1"));
        assertThat(text(items.get(1).values())).containsExactly(Map.entry("plain", "aGVsbG8="));
        assertThat(text(items.get(2).values())).containsExactly(Map.entry("nul", "a\u0000b"));
    }

    @Test
    void dataReadsOneValuePerKey() {
        store("main", Map.of("db-pass", "hunter2", "db", "{\"user\":\"admin\"}"));
        assertThat(fetch("""
                secretStoreRef: {name: main}
                data:
                  - secretKey: password
                    remoteRef: {key: db-pass}
                  - secretKey: user
                    remoteRef: {key: db, property: user}
                """)).containsExactly(Map.entry("password", "hunter2"), Map.entry("user", "admin"));
        assertThat(asked).containsOnly("main");
    }

    @Test
    void sourceRefStoreOverridesTheDefaultStore() {
        store("main", Map.of("k", "from-main"));
        store("other", Map.of("k", "from-other"));
        assertThat(fetch("""
                secretStoreRef: {name: main}
                data:
                  - secretKey: a
                    remoteRef: {key: k}
                  - secretKey: b
                    remoteRef: {key: k}
                    sourceRef:
                      storeRef: {name: other}
                """)).containsExactly(Map.entry("a", "from-main"), Map.entry("b", "from-other"));
    }

    @Test
    void dataFromIsReadFirstSoExplicitDataWins() {
        store("main", Map.of("all", "{\"password\":\"from-extract\",\"user\":\"u\"}", "pw", "explicit"));
        assertThat(fetch("""
                secretStoreRef: {name: main}
                data:
                  - secretKey: password
                    remoteRef: {key: pw}
                dataFrom:
                  - extract: {key: all}
                """)).containsEntry("password", "explicit").containsEntry("user", "u").hasSize(2);
    }

    @Test
    void laterDataFromEntriesWin() {
        store("main", Map.of("one", "{\"k\":\"1\",\"a\":\"a\"}", "two", "{\"k\":\"2\"}"));
        assertThat(fetch("""
                secretStoreRef: {name: main}
                dataFrom:
                  - extract: {key: one}
                  - extract: {key: two}
                """)).containsEntry("k", "2").containsEntry("a", "a");
    }

    /** A generator source that hands out fixed values, or keeps the ones given, and records what items produced. */
    private static final class StubGenerators implements GeneratorSource {
        final Map<String, byte[]> values = new LinkedHashMap<>();
        final Map<String, Map<String, byte[]>> kept = new LinkedHashMap<>();
        final Map<String, List<String>> produced = new LinkedHashMap<>();
        int generated;

        @Override
        public Optional<Map<String, byte[]>> reuse(String source, GeneratorRef ref) {
            return Optional.ofNullable(kept.get(source));
        }

        @Override
        public Map<String, byte[]> generate(String source, GeneratorRef ref) {
            generated++;
            return values;
        }

        @Override
        public void produced(String source, Collection<String> keys) {
            produced.put(source, List.copyOf(keys));
        }
    }

    private Map<String, String> fetch(StubGenerators generators, String specYaml) {
        return text(SyncEngine.fetchAndShape(new DataFetcher(this::clientFor, generators), Specs.spec(specYaml),
                new GoTemplater(), generators));
    }

    private static StubGenerators generators(Map<String, String> values) {
        StubGenerators g = new StubGenerators();
        values.forEach((k, v) -> g.values.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return g;
    }

    @Test
    void generatorValuesMergeLikeExtractWithRewriteAndExplicitDataWins() {
        store("main", Map.of("user", "admin"));
        StubGenerators g = generators(Map.of("username", "u1", "password", "p1"));
        assertThat(fetch(g, """
                secretStoreRef: {name: main}
                dataFrom:
                  - sourceRef:
                      generatorRef: {kind: VaultDynamicSecret, name: db}
                    rewrite:
                      - regexp: {source: "^(.*)$", target: "db-$1"}
                data:
                  - secretKey: db-username
                    remoteRef: {key: user}
                """)).containsOnly(Map.entry("db-username", "admin"), Map.entry("db-password", "p1"));
        assertThat(g.produced.get("spec.dataFrom[0]")).containsExactlyInAnyOrder("db-username", "db-password");
    }

    @Test
    void generatorValuesInDataPickThePropertyOrTheKeyOrTheOnlyValue() {
        StubGenerators g = generators(Map.of("username", "u1", "password", "p1"));
        assertThat(fetch(g, """
                data:
                  - secretKey: a
                    remoteRef: {key: ignored, property: password}
                    sourceRef: {generatorRef: {kind: VaultDynamicSecret, name: db}}
                  - secretKey: b
                    remoteRef: {key: username}
                    sourceRef: {generatorRef: {kind: VaultDynamicSecret, name: db}}
                """)).containsExactly(Map.entry("a", "p1"), Map.entry("b", "u1"));
        assertThat(g.produced).containsEntry("spec.data[0]", List.of("a")).containsEntry("spec.data[1]", List.of("b"));
        assertThat(fetch(generators(Map.of("uuid", "x-1")), """
                data:
                  - secretKey: id
                    sourceRef: {generatorRef: {kind: UUID, name: id}}
                """)).containsExactly(Map.entry("id", "x-1"));
        assertThatThrownBy(() -> fetch(g, """
                data:
                  - secretKey: a
                    sourceRef: {generatorRef: {kind: VaultDynamicSecret, name: db}}
                """)).isInstanceOf(InvalidSpecException.class).hasMessageContaining("spec.data[0]")
                .hasMessageContaining("name one in remoteRef.property");
        assertThatThrownBy(() -> fetch(g, """
                data:
                  - secretKey: a
                    remoteRef: {key: token}
                    sourceRef: {generatorRef: {kind: VaultDynamicSecret, name: db}}
                """)).hasMessageContaining("produces no \"token\"").hasMessageNotContaining("p1");
        assertThat(asked).isEmpty();
    }

    @Test
    void keptGeneratorValuesAreUsedAsTheyAreWithoutGenerating() {
        StubGenerators g = generators(Map.of("password", "new"));
        g.kept.put("spec.dataFrom[0]", Map.of("db-password", "old".getBytes(StandardCharsets.UTF_8)));
        g.kept.put("spec.data[0]", Map.of("pw", "old-pw".getBytes(StandardCharsets.UTF_8)));
        assertThat(fetch(g, """
                dataFrom:
                  - sourceRef: {generatorRef: {kind: VaultDynamicSecret, name: db}}
                    rewrite:
                      - regexp: {source: "^(.*)$", target: "db-$1"}
                data:
                  - secretKey: pw
                    sourceRef: {generatorRef: {kind: Password, name: pw}}
                """)).containsOnly(Map.entry("db-password", "old"), Map.entry("pw", "old-pw"));
        assertThat(g.generated).isZero();
    }

    @Test
    void withoutAGeneratorSourceGeneratorsAreAClearError() {
        assertThatThrownBy(() -> fetch("""
                dataFrom:
                  - sourceRef:
                      generatorRef: {kind: Password, name: pw}
                """)).isInstanceOf(ProviderException.class).hasMessageContaining("generators are not available here");
        assertThat(asked).isEmpty();
    }

    @Test
    void noStoreIsAnError() {
        assertThatThrownBy(() -> fetch("""
                data:
                  - secretKey: a
                    remoteRef: {key: x}
                """)).isInstanceOf(InvalidSpecException.class).hasMessageContaining("no store");
        assertThat(asked).isEmpty();
    }

    @Test
    void missingRemoteKeyIsNotFound() {
        store("main", Map.of("k", "v"));
        assertThatThrownBy(() -> fetch("""
                secretStoreRef: {name: main}
                data:
                  - secretKey: a
                    remoteRef: {key: absent}
                """)).isInstanceOf(ProviderException.class)
                .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.NOT_FOUND));
    }
}
