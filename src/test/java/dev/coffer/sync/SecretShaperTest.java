package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretTemplate;
import dev.coffer.testsupport.Specs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretShaperTest {

    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private static Map<String, byte[]> provider(String... kv) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static ExternalSecret es(String target) {
        ExternalSecret es = Specs.es("""
                secretStoreRef: {name: store}
                data:
                  - secretKey: a
                    remoteRef: {key: a}
                """ + target);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", "web");
        labels.put(ManagedSecret.LABEL_MANAGED, "false");
        es.getMetadata().setLabels(labels);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("reloader.stakater.com/match", "true");
        annotations.put(LAST_APPLIED, "{\"kind\":\"ExternalSecret\"}");
        es.getMetadata().setAnnotations(annotations);
        return es;
    }

    @Test
    void withoutTemplateCopiesEsMetadataMinusLastAppliedAndAddsTheMarks() {
        DesiredSecret d = SecretShaper.shape(es(""), provider("a", "1", "b", "two"), new GoTemplater(), TemplateSources.NONE);
        assertThat(d.namespace()).isEqualTo("team-a");
        assertThat(d.name()).isEqualTo("app");
        assertThat(d.type()).isEqualTo("Opaque");
        assertThat(d.immutable()).isFalse();
        assertThat(d.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("app", "web", ManagedSecret.LABEL_MANAGED, "true"));
        // no mark of Coffer's own: ESO's label and hash are all a Secret needs
        assertThat(d.annotations()).containsExactlyInAnyOrderEntriesOf(Map.of("reloader.stakater.com/match", "true"));
        assertThat(d.data()).containsExactlyInAnyOrderEntriesOf(Map.of("a", b64("1"), "b", b64("two")));
    }

    @Test
    void doesNotModifyTheExternalSecretsOwnMetadata() {
        ExternalSecret es = es("");
        SecretShaper.shape(es, provider("a", "1"), new GoTemplater(), TemplateSources.NONE);
        assertThat(es.getMetadata().getAnnotations()).containsKey(LAST_APPLIED);
        assertThat(es.getMetadata().getLabels()).containsEntry(ManagedSecret.LABEL_MANAGED, "false");
    }

    @Test
    void targetNameAndImmutableComeFromTheTarget() {
        DesiredSecret d = SecretShaper.shape(es("target: {name: db-creds, immutable: true}\n"), provider("a", "1"),
                new GoTemplater(), TemplateSources.NONE);
        assertThat(d.name()).isEqualTo("db-creds");
        assertThat(d.immutable()).isTrue();
    }

    @Test
    void templateWithTypeAndMetadataOnly() {
        DesiredSecret d = SecretShaper.shape(es("""
                target:
                  template:
                    type: kubernetes.io/basic-auth
                    metadata:
                      labels: {tier: db}
                      annotations: {note: templated}
                """), provider("username", "u", "password", "p"), new GoTemplater(), TemplateSources.NONE);
        assertThat(d.type()).isEqualTo("kubernetes.io/basic-auth");
        // With a template, its metadata is used instead of the ExternalSecret's
        assertThat(d.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("tier", "db", ManagedSecret.LABEL_MANAGED, "true"));
        assertThat(d.annotations()).containsExactlyInAnyOrderEntriesOf(Map.of("note", "templated"));
        assertThat(d.data()).containsExactlyInAnyOrderEntriesOf(Map.of("username", b64("u"), "password", b64("p")));
    }

    @Test
    void templateWithoutTypeIsOpaque() {
        DesiredSecret d = SecretShaper.shape(es("target: {template: {metadata: {labels: {x: y}}}}\n"), provider("a", "1"),
                new GoTemplater(), TemplateSources.NONE);
        assertThat(d.type()).isEqualTo("Opaque");
    }

    @Test
    void templateDataAndLiteralRenderThroughTheGoEngine() {
        DesiredSecret d = SecretShaper.shape(es("""
                target:
                  template:
                    data:
                      dsn: "postgres://{{ .username }}@db"
                    templateFrom:
                      - literal: "user-upper: {{ .username | upper }}"
                """), provider("username", "u"), new GoTemplater(), TemplateSources.NONE);
        assertThat(d.data()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "dsn", b64("postgres://u@db"), "user-upper", b64("U")));
    }

    @Test
    void templateErrorsNameThePositionAndNotTheValue() {
        assertThatThrownBy(() -> SecretShaper.shape(es("""
                target:
                  template:
                    data:
                      dsn: "{{ .missing }}"
                """), provider("username", "s3cr3t-canary"), new GoTemplater(), TemplateSources.NONE))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("template error: template: data.dsn:1:")
                .hasMessageContaining("missing")
                .hasMessageNotContaining("s3cr3t-canary");
    }

    /** Renders one fixed key "dsn" and overrides "a". */
    private static final SecretTemplater RENDERS_DSN = new SecretTemplater() {
        @Override
        public TemplatedSecret render(ExternalSecretTemplate template, Map<String, byte[]> data, TemplateSources sources) {
            return new TemplatedSecret(provider("dsn", "postgres://" + new String(data.get("a"), StandardCharsets.UTF_8), "a", "templated"),
                    Map.of(), Map.of());
        }

        @Override
        public String transformKey(String template, String key, String where) {
            return key;
        }
    };

    @Test
    void mergePolicyMergeKeepsProviderKeysThatTheTemplateDoesNotSet() {
        DesiredSecret d = SecretShaper.shape(es("target: {template: {mergePolicy: Merge, data: {dsn: x}}}\n"),
                provider("a", "1", "b", "2"), RENDERS_DSN, TemplateSources.NONE);
        assertThat(d.data()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "dsn", b64("postgres://1"), "a", b64("templated"), "b", b64("2")));
    }

    @Test
    void mergePolicyReplaceKeepsOnlyTemplatedKeys() {
        DesiredSecret d = SecretShaper.shape(es("target: {template: {data: {dsn: x}}}\n"),
                provider("a", "1", "b", "2"), RENDERS_DSN, TemplateSources.NONE);
        assertThat(d.data()).containsExactlyInAnyOrderEntriesOf(Map.of("dsn", b64("postgres://1"), "a", b64("templated")));
    }

    /** A real API server refuses these keys (the CRUD mock stores them); the shape step names the key first (template keys reach it unchecked). */
    @Test
    void keysTheApiServerWouldRefuseFailTheShapeNamingTheKey() {
        for (String bad : new String[] {"a b", "a/b", ".", "..", "ü", "x".repeat(254)}) {
            assertThatThrownBy(() -> SecretShaper.shape(es(""), provider(bad, "canary-value"), new GoTemplater(), TemplateSources.NONE))
                    .as(bad).isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining("is not valid").hasMessageNotContaining("canary-value");
        }
        assertThatThrownBy(() -> SecretShaper.shape(es(""), provider("db password", "v"), new GoTemplater(), TemplateSources.NONE))
                .hasMessageStartingWith("Secret key \"db password\" is not valid");
        DesiredSecret ok = SecretShaper.shape(es(""), provider("a-b_c.d", "1", "x".repeat(253), "2", "...", "3"),
                new GoTemplater(), TemplateSources.NONE);
        assertThat(ok.data()).hasSize(3);
    }
}
