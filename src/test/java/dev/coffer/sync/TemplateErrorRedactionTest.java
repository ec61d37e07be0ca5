package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.Specs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue #14, defect 1: a fetched value never reaches a template error message, whatever its
 * length, on every ExternalSecret template path (data, metadata, templateFrom literal, ConfigMap
 * and Secret sources), also when a function quotes it or {@code printf "%q"} escapes it.
 */
class TemplateErrorRedactionTest {

    /** Long, short and one-character values, and one that Go's %q and JSON escape. */
    @ParameterizedTest
    @ValueSource(strings = {"canary-Qw7-do-not-leak", "Q7x", "q7", "Z", "p\"w\\d-canary\u00e9"})
    void noTemplatePathQuotesAFetchedValue(String secret) {
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("data", """
                target:
                  template:
                    data:
                      x: '{{ fail .password }}'
                """);
        templates.put("quoted", """
                target:
                  template:
                    data:
                      x: '{{ fail (printf "%q" .password) }}'
                """);
        templates.put("function", """
                target:
                  template:
                    data:
                      x: '{{ .password | mustToDate "2006" }}'
                """);
        templates.put("label", """
                target:
                  template:
                    metadata:
                      labels:
                        l: '{{ fail .password }}'
                """);
        templates.put("literal", """
                target:
                  template:
                    templateFrom:
                      - literal: '{{ fail .password }}'
                """);
        templates.put("configMap", """
                target:
                  template:
                    templateFrom:
                      - configMap:
                          name: tpl
                          items: [{key: t}]
                """);
        templates.put("secret", """
                target:
                  template:
                    templateFrom:
                      - secret:
                          name: tpl
                          items: [{key: t, templateAs: KeysAndValues}]
                """);
        TemplateSources sources = new TemplateSources(Map.of("tpl", Map.of("t", "{{ fail .password }}")),
                Map.of("tpl", Map.of("t", "{{ fail .password }}".getBytes(StandardCharsets.UTF_8))));
        Map<String, byte[]> fetched = Map.of("password", secret.getBytes(StandardCharsets.UTF_8));
        templates.forEach((path, target) -> {
            InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                    () -> SecretShaper.shape(es(target), fetched, new GoTemplater(), sources));
            assertThat(e).as(path).isNotNull();
            assertThat(e.getMessage()).as(path).startsWith("template error: template: ");
            assertThat(detail(e.getMessage())).as(path + ": " + e.getMessage()).doesNotContain(secret)
                    .doesNotContain(secret.replace("\"", "\\\"").replace("\\", "\\\\"));
        });
    }

    /** The part of the message after the template position, where a value could surface. */
    private static String detail(String message) {
        int at = message.indexOf(">: ");
        return at < 0 ? message : message.substring(at + 3);
    }

    private static ExternalSecret es(String target) {
        return Specs.es("""
                secretStoreRef: {name: store}
                data:
                  - secretKey: password
                    remoteRef: {key: a}
                """ + target);
    }
}
