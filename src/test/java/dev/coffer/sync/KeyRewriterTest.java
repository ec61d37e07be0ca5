package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataFromRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretRewrite;
import dev.coffer.api.externalsecrets.v1.ExternalSecretTemplate;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyRewriterTest {

    /** Upper-cases the key when the template is "upper", else prefixes it with the template text. */
    static final class TinyTemplater implements SecretTemplater {
        final List<String> calls = new ArrayList<>();

        @Override
        public TemplatedSecret render(ExternalSecretTemplate template, Map<String, byte[]> data, TemplateSources sources) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String transformKey(String template, String key, String where) {
            calls.add(template + "|" + key + "|" + where);
            return template.equals("upper") ? key.toUpperCase() : template + key;
        }
    }

    private static List<ExternalSecretRewrite> steps(String yaml) {
        ExternalSecretDataFromRemoteRef ref = Serialization.unmarshal(yaml, ExternalSecretDataFromRemoteRef.class);
        return ref.rewrite;
    }

    private static Map<String, byte[]> data(String... keys) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String k : keys) {
            m.put(k, ("v-" + k).getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    private static Map<String, String> text(Map<String, byte[]> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void noStepsReturnsDataUnchanged() {
        Map<String, byte[]> d = data("a");
        assertThat(KeyRewriter.rewrite(d, null, new TinyTemplater())).isSameAs(d);
        assertThat(KeyRewriter.rewrite(d, List.of(), new TinyTemplater())).isSameAs(d);
    }

    @Test
    void regexpWithDollarOne() {
        var out = KeyRewriter.rewrite(data("app-db", "app-cache", "other"), steps("""
                rewrite:
                  - regexp: {source: "^app-(.*)", target: "$1"}
                """), new TinyTemplater());
        assertThat(text(out)).containsExactly(Map.entry("db", "v-app-db"), Map.entry("cache", "v-app-cache"), Map.entry("other", "v-other"));
    }

    @Test
    void regexpWithGoBracedGroupReference() {
        var out = KeyRewriter.rewrite(data("app-db"), steps("""
                rewrite:
                  - regexp: {source: "^app-(.*)", target: "${1}_x"}
                """), new TinyTemplater());
        assertThat(text(out)).containsOnlyKeys("db_x");
    }

    @Test
    void regexpWithNamedGroupReference() {
        var out = KeyRewriter.rewrite(data("app-db"), steps("""
                rewrite:
                  - regexp: {source: "^app-(?<svc>.*)", target: "svc-${svc}"}
                """), new TinyTemplater());
        assertThat(text(out)).containsOnlyKeys("svc-db");
    }

    @Test
    void regexpReplacesEveryMatch() {
        var out = KeyRewriter.rewrite(data("a/b/c"), steps("""
                rewrite:
                  - regexp: {source: "/", target: "_"}
                """), new TinyTemplater());
        assertThat(text(out)).containsOnlyKeys("a_b_c");
    }

    @Test
    void stepsApplyInOrder() {
        String yaml = """
                rewrite:
                  - regexp: {source: "^a-", target: "b-"}
                  - regexp: {source: "^b-", target: "c-"}
                """;
        assertThat(text(KeyRewriter.rewrite(data("a-x"), steps(yaml), new TinyTemplater()))).containsExactly(Map.entry("c-x", "v-a-x"));
        String reversed = """
                rewrite:
                  - regexp: {source: "^b-", target: "c-"}
                  - regexp: {source: "^a-", target: "b-"}
                """;
        assertThat(text(KeyRewriter.rewrite(data("a-x"), steps(reversed), new TinyTemplater()))).containsOnlyKeys("b-x");
    }

    @Test
    void transformGoesThroughTheTemplater() {
        TinyTemplater t = new TinyTemplater();
        var out = KeyRewriter.rewrite(data("db", "cache"), steps("""
                rewrite:
                  - regexp: {source: "^", target: "p-"}
                  - transform: {template: "upper"}
                """), t);
        assertThat(text(out)).containsExactly(Map.entry("P-DB", "v-db"), Map.entry("P-CACHE", "v-cache"));
        assertThat(t.calls).containsExactly("upper|p-db|rewrite[1]", "upper|p-cache|rewrite[1]");
    }

    @Test
    void transformRendersEachKeyWithTheGoEngine() {
        Map<String, byte[]> out = KeyRewriter.rewrite(data("a-key"), steps("""
                rewrite:
                  - transform: {template: "{{ .value | upper }}"}
                """), new GoTemplater());
        assertThat(out).containsOnlyKeys("A-KEY");
    }

    @Test
    void invalidRegexpIsAnInvalidSpec() {
        assertThatThrownBy(() -> KeyRewriter.rewrite(data("a"), steps("""
                rewrite:
                  - regexp: {source: "(", target: "b"}
                """), new TinyTemplater()))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("rewrite[0].regexp.source is not a valid regular expression");
    }

    @Test
    void inputMapIsNotModified() {
        Map<String, byte[]> d = data("app-db");
        KeyRewriter.rewrite(d, steps("""
                rewrite:
                  - regexp: {source: "app-", target: ""}
                """), new TinyTemplater());
        assertThat(d).containsOnlyKeys("app-db");
    }
}
