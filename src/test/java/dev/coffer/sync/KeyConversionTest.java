package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ConversionStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class KeyConversionTest {

    @ParameterizedTest
    @CsvSource({
            "db.pass-word_1, db.pass-word_1",
            "path/to/key, path_to_key",
            "a b, a_b",
            "a:b@c, a_b_c",
            "//, __",
    })
    void defaultReplacesEachInvalidCharacterWithUnderscore(String in, String out) {
        assertThat(KeyConversion.convert(in, ConversionStrategy.Default)).isEqualTo(out);
    }

    @ParameterizedTest
    @CsvSource({
            "db.pass-word_1, db.pass-word_1",
            "path/to/key, path_U002f_to_U002f_key",
            "a b, a_U0020_b",
            "a:b, a_U003a_b",
            "é, _U00e9_",
    })
    void unicodeEncodesEachInvalidCharacterAsItsCodePoint(String in, String out) {
        // upstream: fmt.Sprintf("_U%04x_", rune)
        assertThat(KeyConversion.convert(in, ConversionStrategy.Unicode)).isEqualTo(out);
    }

    @Test
    void supplementaryCharactersAreOneCodePoint() {
        String grin = new String(Character.toChars(0x1F600));
        assertThat(KeyConversion.convert("x" + grin, ConversionStrategy.Unicode)).isEqualTo("x_U1f600_");
        assertThat(KeyConversion.convert("x" + grin, ConversionStrategy.Default)).isEqualTo("x_");
    }

    @Test
    void unicodeKeepsDistinctNamesDistinctWhereDefaultCollides() {
        assertThat(KeyConversion.convert("a/b", ConversionStrategy.Default))
                .isEqualTo(KeyConversion.convert("a:b", ConversionStrategy.Default));
        assertThat(KeyConversion.convert("a/b", ConversionStrategy.Unicode))
                .isNotEqualTo(KeyConversion.convert("a:b", ConversionStrategy.Unicode));
    }

    @Test
    void resultsAreAlwaysValidSecretKeys() {
        for (String in : new String[]{"a/b", "ünï côdé", "x\ty", "tab\u0000nul"}) {
            for (ConversionStrategy s : ConversionStrategy.values()) {
                assertThat(KeyConversion.convert(in, s)).matches("^[-._a-zA-Z0-9]+$");
            }
        }
    }
}
