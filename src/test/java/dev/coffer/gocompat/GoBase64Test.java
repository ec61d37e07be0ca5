package dev.coffer.gocompat;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoBase64Test {

    private static String std(String text) {
        return new String(GoBase64.decodeStd(text), StandardCharsets.UTF_8);
    }

    @Test
    void decodesPaddedInputAndIgnoresLineBreaksAsGoDoes() {
        assertThat(std("SGVsbG8=")).isEqualTo("Hello");
        assertThat(std("SGVs\r\nbG8=\n")).isEqualTo("Hello");
        assertThat(std("")).isEmpty();
        assertThat(new String(GoBase64.decodeUrl("_-8="), StandardCharsets.ISO_8859_1)).hasSize(2);
    }

    @Test
    void requiresPaddingAndAValidAlphabet() {
        assertThatThrownBy(() -> GoBase64.decodeStd("foo")).isInstanceOf(GoBase64.InvalidBase64Exception.class)
                .hasMessageContaining("padding");
        assertThatThrownBy(() -> GoBase64.decodeStd("SGVsbG8")).isInstanceOf(GoBase64.InvalidBase64Exception.class);
        assertThatThrownBy(() -> GoBase64.decodeStd("ab=c")).isInstanceOf(GoBase64.InvalidBase64Exception.class);
        assertThatThrownBy(() -> GoBase64.decodeStd("_-8=")).isInstanceOf(GoBase64.InvalidBase64Exception.class);
        assertThatThrownBy(() -> GoBase64.decodeUrl("+/8=")).isInstanceOf(GoBase64.InvalidBase64Exception.class);
        assertThat(GoBase64.isStd("foo")).isFalse();
        assertThat(GoBase64.isStd("Zm9v")).isTrue();
    }

    @Test
    void errorsNeverQuoteTheInput() {
        assertThatThrownBy(() -> GoBase64.decodeStd("s3cr3t!value"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }
}
