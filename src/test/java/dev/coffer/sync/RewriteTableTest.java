package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecretRewrite;
import dev.coffer.testsupport.TableSource;
import dev.coffer.testsupport.Tables;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.params.ParameterizedTest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs src/test/resources/shaping/eso-rewrite.yaml through {@link KeyRewriter} with the real Go
 * template engine: ESO's own rewrite and merge table cases, and Go-rule cases.
 */
class RewriteTableTest {


    @ParameterizedTest(name = "{0}")
    @TableSource("shaping/eso-rewrite.yaml")
    void rewrites(String name, Map<String, Object> c) {
        List<ExternalSecretRewrite> steps = List.of(Serialization.unmarshal(Serialization.asJson(c.get("rewrite")),
                ExternalSecretRewrite[].class));
        Map<String, byte[]> in = Tables.bytes(c.get("in"));
        if (c.containsKey("error")) {
            assertThatThrownBy(() -> KeyRewriter.rewrite(in, steps, new GoTemplater()))
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining((String) c.get("error"));
            return;
        }
        Map<String, byte[]> out = KeyRewriter.rewrite(in, steps, new GoTemplater());
        assertThat(Tables.text(out)).containsExactlyInAnyOrderEntriesOf(Tables.text(Tables.bytes(c.get("want"))));
    }
}
