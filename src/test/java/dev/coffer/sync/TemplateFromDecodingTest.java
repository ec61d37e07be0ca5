package dev.coffer.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.api.externalsecrets.v1.ExternalSecretTemplate;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code templateFrom[].valuesDecodingStrategy} (ESO #6482): each rendered value of a literal,
 * ConfigMap or Secret template is decoded after rendering, keys never; {@code template.data} is
 * not decoded.
 */
class TemplateFromDecodingTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final GoTemplater templater = new GoTemplater();

    @Test
    void aLiteralsValuesAreDecoded() throws Exception {
        TemplatedSecret out = render("""
                templateFrom:
                - literal: "service-a: SGVsbG8="
                  valuesDecodingStrategy: Base64
                """, TemplateSources.NONE);

        assertThat(text(out.data().get("service-a"))).isEqualTo("Hello");
    }

    @Test
    void configMapAndSecretSourcesAreDecodedInBothScopes() throws Exception {
        TemplateSources sources = new TemplateSources(
                Map.of("tpl", Map.of("cert", "{{ .cert }}", "pair", "{{ .name }}: {{ .cert }}")),
                Map.of("tpl-secret", Map.of("raw", "{{ .url }}".getBytes(StandardCharsets.UTF_8))));
        TemplatedSecret out = render("""
                templateFrom:
                - configMap:
                    name: tpl
                    items:
                    - key: cert
                    - key: pair
                      templateAs: KeysAndValues
                  valuesDecodingStrategy: Base64
                - secret:
                    name: tpl-secret
                    items:
                    - key: raw
                  valuesDecodingStrategy: Base64URL
                - literal: "plain: {{ .cert }}"
                data:
                  kept: "{{ .cert }}"
                """, sources);

        assertThat(out.data().get("cert")).containsExactly(0, (byte) 0xff, 1);
        assertThat(out.data().get("client")).as("the key is rendered, not decoded").containsExactly(0, (byte) 0xff, 1);
        assertThat(text(out.data().get("raw"))).isEqualTo("a?b~");
        assertThat(text(out.data().get("plain"))).as("no strategy: as rendered").isEqualTo("AP8B");
        assertThat(text(out.data().get("kept"))).as("template.data is never decoded").isEqualTo("AP8B");
    }

    @Test
    void aValueThatIsNotBase64FailsNamingTheKeyOnly() throws Exception {
        assertThatThrownBy(() -> render("""
                templateFrom:
                - literal: "token: not*base64"
                  valuesDecodingStrategy: Base64
                """, TemplateSources.NONE))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("\"token\"")
                .hasMessageNotContaining("not*base64");
    }

    private TemplatedSecret render(String yaml, TemplateSources sources) throws Exception {
        ExternalSecretTemplate template = YAML.readValue(yaml, ExternalSecretTemplate.class);
        Map<String, byte[]> data = Map.of(
                "cert", "AP8B".getBytes(StandardCharsets.UTF_8),
                "name", "client".getBytes(StandardCharsets.UTF_8),
                "url", "YT9ifg==".getBytes(StandardCharsets.UTF_8));
        return templater.render(template, data, sources);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
