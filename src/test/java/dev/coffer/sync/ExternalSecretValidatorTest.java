package dev.coffer.sync;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.coffer.testsupport.Specs.spec;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExternalSecretValidatorTest {

    private static final String STORE = """
            secretStoreRef:
              name: store
            """;

    private static void valid(String yaml) {
        assertThatCode(() -> ExternalSecretValidator.validate(spec(yaml))).doesNotThrowAnyException();
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> invalid(String yaml) {
        return assertThatThrownBy(() -> ExternalSecretValidator.validate(spec(yaml))).isInstanceOf(InvalidSpecException.class);
    }

    @Test
    void acceptsAPlainDataAndDataFromSpec() {
        valid(STORE + """
                refreshInterval: 1h0m0s
                data:
                  - secretKey: user.name_1-x
                    remoteRef: {key: db, property: user}
                dataFrom:
                  - extract: {key: all}
                  - find:
                      name: {regexp: "^app-.*"}
                    rewrite:
                      - regexp: {source: "app-(.*)", target: "$1"}
                """);
    }

    @Test
    void rejectsNeitherDataNorDataFrom() {
        invalid(STORE).hasMessageContaining("either data or dataFrom should be specified");
        invalid(STORE + "data: []\ndataFrom: []\n").hasMessageContaining("either data or dataFrom should be specified");
    }

    @Test
    void rejectsNullSpec() {
        assertThatThrownBy(() -> ExternalSecretValidator.validate(null)).isInstanceOf(InvalidSpecException.class);
    }

    @Test
    void rejectsDuplicateSecretKey() {
        invalid(STORE + """
                data:
                  - secretKey: password
                    remoteRef: {key: a}
                  - secretKey: password
                    remoteRef: {key: b}
                """).hasMessageContaining("duplicate secretKey \"password\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "with space", "ünïcode", "a:b", "\"\""})
    void rejectsInvalidSecretKey(String key) {
        invalid(STORE + """
                data:
                  - secretKey: %s
                    remoteRef: {key: a}
                """.formatted(key)).hasMessageContaining("spec.data[0].secretKey");
    }

    @Test
    void rejectsDataWithoutRemoteKey() {
        invalid(STORE + """
                data:
                  - secretKey: ok
                    remoteRef: {property: p}
                """).hasMessageContaining("spec.data[0].remoteRef.key is required");
    }

    @Test
    void rejectsDeleteWhereTheSecretIsSomeoneElses() {
        // Orphan with Delete is accepted, as upstream (ExternalSecretPoliciesTest covers what it then does)
        for (String creation : new String[]{"Merge", "None", "CreateOrMerge"}) {
            invalid(STORE + """
                    target:
                      creationPolicy: %s
                      deletionPolicy: Delete
                    data:
                      - secretKey: a
                        remoteRef: {key: a}
                    """.formatted(creation)).hasMessageContaining("deletionPolicy=Delete").hasMessageContaining("creationPolicy=Owner");
        }
        valid(STORE + """
                target:
                  deletionPolicy: Delete
                data:
                  - secretKey: a
                    remoteRef: {key: a}
                """);
    }

    @Test
    void rejectsMergeDeletionWithNoneCreation() {
        invalid(STORE + """
                target:
                  creationPolicy: None
                  deletionPolicy: Merge
                data:
                  - secretKey: a
                    remoteRef: {key: a}
                """).hasMessageContaining("deletionPolicy=Merge").hasMessageContaining("creationPolicy=None");
        valid(STORE + """
                target:
                  creationPolicy: Merge
                  deletionPolicy: Merge
                data:
                  - secretKey: a
                    remoteRef: {key: a}
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1day", "-1h", "10"})
    void rejectsBadRefreshInterval(String interval) {
        invalid(STORE + """
                refreshInterval: "%s"
                data:
                  - secretKey: a
                    remoteRef: {key: a}
                """.formatted(interval)).hasMessageContaining("spec.refreshInterval");
    }

    @Test
    void acceptsZeroRefreshInterval() {
        valid(STORE + """
                refreshInterval: "0"
                data:
                  - secretKey: a
                    remoteRef: {key: a}
                """);
    }

    @Test
    void rejectsInvalidFindRegexpWithAClearMessage() {
        invalid(STORE + """
                dataFrom:
                  - find:
                      name: {regexp: "app-(["}
                """).hasMessageContaining("spec.dataFrom[0].find.name.regexp is not a valid regular expression");
    }

    @Test
    void rejectsInvalidRewriteRegexpWithAClearMessage() {
        invalid(STORE + """
                dataFrom:
                  - extract: {key: all}
                  - extract: {key: other}
                    rewrite:
                      - regexp: {source: "ok", target: "x"}
                      - regexp: {source: "*bad", target: "x"}
                """).hasMessageContaining("spec.dataFrom[1].rewrite[1].regexp.source is not a valid regular expression");
    }

    @Test
    void rejectsRewriteStepWithNoOrTwoKinds() {
        invalid(STORE + """
                dataFrom:
                  - extract: {key: all}
                    rewrite:
                      - {}
                """).hasMessageContaining("spec.dataFrom[0].rewrite[0] must set exactly one of");
        invalid(STORE + """
                dataFrom:
                  - extract: {key: all}
                    rewrite:
                      - regexp: {source: "a", target: "b"}
                        transform: {template: "x"}
                """).hasMessageContaining("spec.dataFrom[0].rewrite[0] must set exactly one of");
    }

    @Test
    void rejectsExtractWithoutKey() {
        invalid(STORE + """
                dataFrom:
                  - extract: {property: p}
                """).hasMessageContaining("spec.dataFrom[0].extract.key is required");
    }

    @Test
    void rejectsDataFromWithBothExtractAndFind() {
        invalid(STORE + """
                dataFrom:
                  - extract: {key: all}
                    find: {path: x}
                """).hasMessageContaining("spec.dataFrom[0] must set exactly one of extract, find");
    }

    @Test
    void rejectsDataFromWithNeitherExtractNorFind() {
        invalid(STORE + """
                dataFrom:
                  - rewrite:
                      - regexp: {source: a, target: b}
                """).hasMessageContaining("spec.dataFrom[0] must set exactly one of");
    }

    @Test
    void aGeneratorSourceNeedsNoExtractOrFind() {
        valid("""
                dataFrom:
                  - sourceRef:
                      generatorRef: {kind: Password, name: pw}
                """);
    }
}
