package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecretSpec;
import dev.coffer.provider.ProviderException;
import dev.coffer.testsupport.Specs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shape step's per-item strategies over raw fetched data, with no store involved: key
 * conversion, rewrite, key validation, decoding, the null-byte policy, and the order in which
 * items merge.
 */
class ProviderDataShaperTest {

    private final GoTemplater templater = new GoTemplater();

    private static Map<String, byte[]> bytes(Map<String, String> values) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    /** Shapes raw values for the spec's items: {@code dataFrom[i]} gets {@code dataFrom.get(i)}, each data[] item its one value. */
    private Map<String, String> shape(String specYaml, List<Map<String, String>> dataFrom, Map<String, String> data) {
        ExternalSecretSpec spec = Specs.spec(specYaml);
        List<FetchedItem> items = new ArrayList<>();
        for (int i = 0; i < dataFrom.size(); i++) {
            items.add(FetchedItem.values("spec.dataFrom[" + i + "]", FetchedItem.Origin.PROVIDER, spec.dataFrom.get(i),
                    bytes(dataFrom.get(i))));
        }
        for (int i = 0; spec.data != null && i < spec.data.size(); i++) {
            var d = spec.data.get(i);
            items.add(FetchedItem.value("spec.data[" + i + "]", FetchedItem.Origin.PROVIDER, d,
                    data.get(d.secretKey).getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, String> out = new LinkedHashMap<>();
        ProviderDataShaper.shape(items, templater).data().forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    private Map<String, String> shapeDataFrom(String specYaml, Map<String, String> raw) {
        return shape(specYaml, List.of(raw), Map.of());
    }

    @Test
    void dataWinsOverDataFromAndALaterDataFromOverAnEarlierOne() {
        assertThat(shape("""
                data:
                  - secretKey: k
                    remoteRef: {key: pw}
                dataFrom:
                  - extract: {key: one}
                  - extract: {key: two}
                """, List.of(Map.of("k", "1", "a", "a"), Map.of("k", "2", "b", "b")), Map.of("k", "explicit")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("k", "explicit", "a", "a", "b", "b"));
    }

    @Test
    void findConvertsRemoteNamesIntoSecretKeys() {
        Map<String, String> raw = Map.of("app/db", "1", "app/cache", "2");
        assertThat(shapeDataFrom("""
                dataFrom:
                  - find:
                      name: {regexp: "^app/"}
                """, raw)).containsOnlyKeys("app_db", "app_cache");
        assertThat(shapeDataFrom("""
                dataFrom:
                  - find:
                      name: {regexp: "^app/"}
                      conversionStrategy: Unicode
                """, raw)).containsOnlyKeys("app_U002f_db", "app_U002f_cache");
    }

    @Test
    void conversionCollisionsAreAnError() {
        Map<String, String> raw = Map.of("a/b", "1", "a:b", "2");
        assertThatThrownBy(() -> shapeDataFrom("""
                dataFrom:
                  - find:
                      name: {regexp: "^a"}
                """, raw))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("spec.dataFrom[0]")
                .hasMessageContaining("\"a_b\"");
        assertThat(shapeDataFrom("""
                dataFrom:
                  - find:
                      name: {regexp: "^a"}
                      conversionStrategy: Unicode
                """, raw)).containsOnlyKeys("a_U002f_b", "a_U003a_b");
    }

    @Test
    void rewriteSeesTheRemoteNamesAsUpstreamDoes() {
        // upstream docs: find by path, then rewrite source "path-to-filter/(.*)" -> "$1"
        assertThat(shapeDataFrom("""
                dataFrom:
                  - find:
                      path: app/
                    rewrite:
                      - regexp: {source: "app/(.*)", target: "$1"}
                """, Map.of("app/db", "1", "app/cache", "2"))).containsExactlyInAnyOrderEntriesOf(Map.of("db", "1", "cache", "2"));
    }

    @Test
    void rewriteOnExtractedKeys() {
        assertThat(shapeDataFrom("""
                dataFrom:
                  - extract: {key: all}
                    rewrite:
                      - regexp: {source: "^DB_", target: "db-"}
                """, Map.of("DB_USER", "u", "DB_PASS", "p"))).containsExactlyInAnyOrderEntriesOf(Map.of("db-USER", "u", "db-PASS", "p"));
    }

    @Test
    void rewriteThatLeavesAnInvalidKeyIsAnError() {
        assertThatThrownBy(() -> shapeDataFrom("""
                dataFrom:
                  - find:
                      name: {regexp: "app"}
                    rewrite:
                      - regexp: {source: "^app", target: "x"}
                """, Map.of("app/db", "1")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("x/db")
                .hasMessageContaining("not a valid Secret key");
    }

    @Test
    void decodingStrategyAppliesToDataAndDataFrom() {
        assertThat(shape("""
                data:
                  - secretKey: plain
                    remoteRef: {key: enc, decodingStrategy: Base64}
                dataFrom:
                  - extract: {key: all, decodingStrategy: Base64}
                """, List.of(Map.of("k", "d29ybGQ=")), Map.of("plain", "aGVsbG8=")))
                .containsEntry("plain", "hello").containsEntry("k", "world");
        assertThatThrownBy(() -> shape("""
                data:
                  - secretKey: plain
                    remoteRef: {key: enc, decodingStrategy: Base64}
                """, List.of(), Map.of("plain", "canary-not-base64")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("\"plain\"").hasMessageNotContaining("canary");
    }

    @Test
    void nullBytePolicyFailRejectsNulBytesAndIgnoreKeepsThem() {
        assertThatThrownBy(() -> shape("""
                data:
                  - secretKey: v
                    remoteRef: {key: nul, nullBytePolicy: Fail}
                """, List.of(), Map.of("v", "a\u0000b")))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("\"v\"")
                .hasMessageContaining("contains null bytes")
                .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG));
        assertThat(shape("""
                data:
                  - secretKey: v
                    remoteRef: {key: nul}
                """, List.of(), Map.of("v", "a\u0000b"))).containsEntry("v", "a\u0000b");
        assertThatThrownBy(() -> shapeDataFrom("""
                dataFrom:
                  - find:
                      name: {regexp: "nul"}
                      nullBytePolicy: Fail
                """, Map.of("nul", "a\u0000b"))).isInstanceOf(ProviderException.class).hasMessageContaining("contains null bytes");
    }

    @Test
    void nullBytePolicyFailAppliesToDecodedValuesOfDataAndExtract() {
        // "YQBi" is base64 for "a\0b"
        assertThatThrownBy(() -> shape("""
                data:
                  - secretKey: cert
                    remoteRef: {key: enc, decodingStrategy: Base64, nullBytePolicy: Fail}
                """, List.of(), Map.of("cert", "YQBi")))
                .isInstanceOf(ProviderException.class)
                .hasMessage("fetched secret value for key \"cert\" contains null bytes (nullBytePolicy Fail)");
        assertThatThrownBy(() -> shapeDataFrom("""
                dataFrom:
                  - extract: {key: all, decodingStrategy: Auto, nullBytePolicy: Fail}
                """, new java.util.TreeMap<>(Map.of("first", "ok", "k", "eQBz"))))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("key \"k\" contains null bytes");
        assertThat(shape("""
                data:
                  - secretKey: cert
                    remoteRef: {key: enc, decodingStrategy: Base64, nullBytePolicy: Ignore}
                """, List.of(), Map.of("cert", "YQBi"))).containsEntry("cert", "a\u0000b");
    }

    @Test
    void newGeneratorValuesAreRewrittenButNotConvertedOrDecodedAndKeptOnesAreUsedAsTheyAre() {
        ExternalSecretSpec spec = Specs.spec("""
                dataFrom:
                  - sourceRef: {generatorRef: {kind: VaultDynamicSecret, name: db}}
                    rewrite:
                      - regexp: {source: "^(.*)$", target: "db-$1"}
                  - sourceRef: {generatorRef: {kind: Password, name: pw}}
                """);
        ProviderDataShaper.ProviderData shaped = ProviderDataShaper.shape(List.of(
                FetchedItem.values("spec.dataFrom[0]", FetchedItem.Origin.GENERATED, spec.dataFrom.get(0),
                        bytes(Map.of("password", "aGVsbG8="))),
                FetchedItem.values("spec.dataFrom[1]", FetchedItem.Origin.KEPT, spec.dataFrom.get(1),
                        bytes(Map.of("kept-key", "old")))), templater);
        assertThat(new String(shaped.data().get("db-password"), StandardCharsets.UTF_8)).isEqualTo("aGVsbG8=");
        assertThat(new String(shaped.data().get("kept-key"), StandardCharsets.UTF_8)).isEqualTo("old");
        assertThat(shaped.generatedKeys()).containsOnlyKeys("spec.dataFrom[0]");
        assertThat(shaped.generatedKeys().get("spec.dataFrom[0]")).containsExactly("db-password");
    }
}
