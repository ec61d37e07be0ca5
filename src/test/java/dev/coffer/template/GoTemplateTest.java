package dev.coffer.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The public API: parse once, execute concurrently, template sets, bytes, error details. */
class GoTemplateTest {
    @Test
    void oneParsedTemplateServesConcurrentExecutions() throws Exception {
        GoTemplate t = GoTemplate.parse("t", "{{ range $k, $v := . }}{{ $k }}={{ $v | upper }};{{ end }}");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(pool.submit(() -> t.execute(Map.of("k" + n, "v" + n, "z", "x")).equals(
                        "k" + n + "=V" + n + ";z=X;")));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aSetSharesDefinesAndLaterDefinitionsWin() throws Exception {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("main", "{{ template \"greeting\" . }}{{ block \"footer\" . }}default{{ end }}");
        texts.put("helpers", "{{ define \"greeting\" }}hi {{ .name }}{{ end }}{{ define \"footer\" }}!{{ end }}");
        GoTemplate set = GoTemplate.parseSet("main", texts);
        assertThat(set.execute(Map.of("name", "ann"))).isEqualTo("hi ann!");
        assertThat(set.templateNames()).contains("main", "greeting", "footer", "helpers");
        assertThat(new String(set.executeTemplate("greeting", Map.of("name", "bo")))).isEqualTo("hi bo");
    }

    @Test
    void binarySecretBytesPassThroughUnchanged() throws Exception {
        byte[] binary = {(byte) 0xff, 0x00, (byte) 0x80, 'a'};
        GoTemplate t = GoTemplate.parse("t", "{{ .bin }}|{{ .bin | b64enc }}|{{ .bin | b64enc | b64dec }}");
        byte[] out = t.executeBytes(Map.of("bin", binary));
        String b64 = java.util.Base64.getEncoder().encodeToString(binary);
        byte[] expected = concat(binary, ("|" + b64 + "|").getBytes(), binary);
        assertThat(out).isEqualTo(expected);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void exceptionsCarryNameLineAndColumn() {
        assertThatThrownBy(() -> GoTemplate.parse("cfg", "ok\n  {{ .a | nope }}"))
                .isInstanceOfSatisfying(TemplateException.class, e -> {
                    assertThat(e.templateName()).isEqualTo("cfg");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(10);
                    assertThat(e.getMessage()).isEqualTo("template: cfg:2:10: function \"nope\" not defined");
                });
        assertThatThrownBy(() -> GoTemplate.parse("cfg", "x\ny {{ .a.b }}").execute(Map.of("a", Map.of())))
                .isInstanceOfSatisfying(TemplateException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).isEqualTo(
                            "template: cfg:2:7: executing \"cfg\" at <.a.b>: map has no entry for key \"b\"");
                });
    }

    @Test
    void failuresInsideFunctionsNeverQuoteTheData() {
        String secret = "p@ssw0rd-VERY-secret";
        for (String template : new String[]{"{{ .s | mustFromJson }}", "{{ .s | atoi | div 1 }}",
            "{{ .s | b64dec | pkcs12key }}", "{{ rsaDecrypt \"RSA-OAEP\" \"SHA1\" .s .s }}",
            "{{ .s | semver }}", "{{ .s | jwkPublicKeyPem }}", "{{ lt .s 1 }}", "{{ index .s 99 }}",
            "{{ .s.x }}", "{{ decryptAES .s .s }}"}) {
            assertThatThrownBy(() -> GoTemplate.parse("t", template).execute(Map.of("s", secret)))
                    .as(template)
                    .isInstanceOf(TemplateException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret).doesNotContain("VERY"));
        }
    }

    @Test
    void deepRecursionIsAnErrorNotACrash() {
        assertThatThrownBy(() -> GoTemplate.parse("t", "{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" . }}")
                .execute(Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("exceeded maximum template depth");
    }
}
