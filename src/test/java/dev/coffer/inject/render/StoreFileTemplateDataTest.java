package dev.coffer.inject.render;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a file's template sees: {@code .value}, and a JSON object's top-level keys as dataFrom.extract gives them. */
class StoreFileTemplateDataTest {

    static Map<String, String> data(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        StoreFileRenderer.templateData(value.getBytes(StandardCharsets.UTF_8), "k")
                .forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void aJsonObjectGivesItsKeysBesideTheWholeValue() {
        assertThat(data("{\"user\": \"app\", \"port\": 5432, \"tls\": {\"on\": true}, \"none\": null}")).containsExactly(
                Map.entry("value", "{\"user\": \"app\", \"port\": 5432, \"tls\": {\"on\": true}, \"none\": null}"),
                Map.entry("user", "app"), Map.entry("port", "5432"), Map.entry("tls", "{\"on\": true}"), Map.entry("none", ""));
    }

    @Test
    void anObjectsOwnValueKeyWinsAndOtherValuesAreValueOnly() {
        assertThat(data("{\"value\": \"inner\"}")).containsExactly(Map.entry("value", "inner"));
        assertThat(data("plain text")).containsExactly(Map.entry("value", "plain text"));
        assertThat(data("{not json")).containsExactly(Map.entry("value", "{not json"));
        assertThat(data("[1, 2]")).containsExactly(Map.entry("value", "[1, 2]"));
    }
}
