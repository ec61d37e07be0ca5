package dev.coffer.sync;

import dev.coffer.testsupport.Specs;
import dev.coffer.testsupport.TableSource;
import org.junit.jupiter.params.ParameterizedTest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs src/test/resources/shaping/eso-conversion.yaml (ESO's TestConvertKeys) through the shape
 * step: the keys are what a {@code dataFrom.find} fetched, shaped with the case's strategy.
 */
class ConversionTableTest {

    @ParameterizedTest(name = "{0}")
    @TableSource("shaping/eso-conversion.yaml")
    @SuppressWarnings("unchecked")
    void converts(String name, Map<String, Object> c) {
        Map<String, byte[]> fetched = new LinkedHashMap<>();
        for (String key : (List<String>) c.get("keys")) {
            fetched.put(key, "noop".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        var spec = Specs.spec("""
                secretStoreRef: {name: main}
                dataFrom:
                  - find:
                      name: {regexp: ".*"}
                      conversionStrategy: %s
                """.formatted(c.get("strategy")));
        List<FetchedItem> items = List.of(FetchedItem.values("spec.dataFrom[0]", FetchedItem.Origin.PROVIDER, spec.dataFrom.get(0),
                fetched));
        if (c.containsKey("error")) {
            assertThatThrownBy(() -> ProviderDataShaper.shape(items, new GoTemplater())).isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining((String) c.get("error"));
            return;
        }
        assertThat(ProviderDataShaper.shape(items, new GoTemplater()).data()).containsOnlyKeys((List<String>) c.get("want"));
    }
}
