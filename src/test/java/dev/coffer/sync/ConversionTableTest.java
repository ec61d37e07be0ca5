package dev.coffer.sync;

import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.FakeStores;
import dev.coffer.testsupport.Specs;
import dev.coffer.testsupport.TableSource;
import dev.coffer.testsupport.TestResources;
import org.junit.jupiter.params.ParameterizedTest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs src/test/resources/shaping/eso-conversion.yaml (ESO's TestConvertKeys) through the fetch
 * path: the keys sit in a fake store and {@code dataFrom.find} reads them with the case's strategy.
 */
class ConversionTableTest {

    @ParameterizedTest(name = "{0}")
    @TableSource("shaping/eso-conversion.yaml")
    @SuppressWarnings("unchecked")
    void converts(String name, Map<String, Object> c) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String key : (List<String>) c.get("keys")) {
            entries.put(key, "noop");
        }
        SecretsClient store = FakeStores.client(TestResources.fakeStore("team-a", "main", entries));
        DataFetcher fetcher = new DataFetcher(ref -> store, new GoTemplater());
        var spec = Specs.spec("""
                secretStoreRef: {name: main}
                dataFrom:
                  - find:
                      name: {regexp: ".*"}
                      conversionStrategy: %s
                """.formatted(c.get("strategy")));
        if (c.containsKey("error")) {
            assertThatThrownBy(() -> fetcher.fetch(spec)).isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining((String) c.get("error"));
            return;
        }
        assertThat(fetcher.fetch(spec)).containsOnlyKeys((List<String>) c.get("want"));
    }
}
