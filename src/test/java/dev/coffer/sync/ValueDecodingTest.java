package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.DecodingStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueDecodingTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void noneAndNullKeepTheValue() {
        byte[] raw = b("aGVsbG8=");
        assertThat(ValueDecoding.decode(raw, DecodingStrategy.None, "k")).isEqualTo(raw);
        assertThat(ValueDecoding.decode(raw, null, "k")).isEqualTo(raw);
    }

    @Test
    void base64DecodesStandardAlphabet() {
        assertThat(ValueDecoding.decode(b("aGVsbG8="), DecodingStrategy.Base64, "k")).isEqualTo(b("hello"));
        assertThat(ValueDecoding.decode(b("+/8="), DecodingStrategy.Base64, "k")).containsExactly(0xfb, 0xff);
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(ValueDecoding.decode(b("aGVsbG8=\n"), DecodingStrategy.Base64, "k")).isEqualTo(b("hello"));
    }

    @Test
    void base64UrlDecodesUrlAlphabet() {
        assertThat(ValueDecoding.decode(b("-_8="), DecodingStrategy.Base64URL, "k")).containsExactly(0xfb, 0xff);
    }

    @Test
    void autoTriesStandardThenUrlThenKeepsTheRawValue() {
        assertThat(ValueDecoding.decode(b("aGVsbG8="), DecodingStrategy.Auto, "k")).isEqualTo(b("hello"));
        assertThat(ValueDecoding.decode(b("-_8="), DecodingStrategy.Auto, "k")).containsExactly(0xfb, 0xff);
        assertThat(ValueDecoding.decode(b("plain text!"), DecodingStrategy.Auto, "k")).isEqualTo(b("plain text!"));
    }

    @ParameterizedTest
    @EnumSource(value = DecodingStrategy.class, names = {"Base64", "Base64URL"})
    void invalidBase64WithAnExplicitStrategyNamesTheKeyButNotTheValue(DecodingStrategy strategy) {
        String value = "canary-s3cr3t!!";
        assertThatThrownBy(() -> ValueDecoding.decode(b(value), strategy, "db-password"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("db-password")
                .hasMessageContaining(strategy.name())
                .hasMessageNotContaining("canary")
                .hasMessageNotContaining("s3cr3t")
                .hasNoCause();
    }

    @Test
    void urlAlphabetIsInvalidForStandardBase64AndViceVersa() {
        assertThatThrownBy(() -> ValueDecoding.decode(b("-_8="), DecodingStrategy.Base64, "k")).isInstanceOf(InvalidSpecException.class);
        assertThatThrownBy(() -> ValueDecoding.decode(b("+/8="), DecodingStrategy.Base64URL, "k")).isInstanceOf(InvalidSpecException.class);
    }
}
