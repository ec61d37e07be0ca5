package dev.coffer.redaction;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ValueRedactorTest {

    private static ValueRedactor of(String... values) {
        return ValueRedactor.of(List.of(values).stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toList());
    }

    @Test
    void longValuesAreCutOutAndTheRestOfTheMessageKept() {
        assertThat(of("hunter2-secret").redact("error calling fail: pw=hunter2-secret!"))
                .isEqualTo("error calling fail: pw=<redacted>!");
    }

    @Test
    void theLongestOverlappingValueGoesFirst() {
        assertThat(of("abcd", "abcdefgh").redact("x abcdefgh y abcd")).isEqualTo("x <redacted> y <redacted>");
    }

    @Test
    void quotedJsonAndBase64FormsAreCutOutToo() {
        String v = "a\"b\\c\u00e9-long";
        ValueRedactor r = of(v);
        assertThat(r.redact("go: \"a\\\"b\\\\c\u00e9-long\"")).doesNotContain("b\\\\c").contains(ValueRedactor.MARK);
        assertThat(r.redact("b64: " + Base64.getEncoder().withoutPadding().encodeToString(v.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("b64: " + ValueRedactor.MARK);
    }

    @Test
    void aShortValueInTheDetailWithholdsTheDetailButKeepsThePlace() {
        String message = "template: data.x:1:3: executing \"data.x\" at <fail .pin>: error calling fail: 42";
        assertThat(of("42").redact(message, "error calling fail: 42"))
                .isEqualTo("template: data.x:1:3: executing \"data.x\" at <fail .pin>: " + ValueRedactor.WITHHELD);
        assertThat(of("e").redact(message, "error calling fail: 42")).endsWith(ValueRedactor.WITHHELD);
    }

    @Test
    void aShortValueOutsideTheDetailIsLeftAlone() {
        String message = "template: data.x:1:3: unexpected \"}\" in operand";
        assertThat(of("1").redact(message, "")).isEqualTo(message);
    }

    @Test
    void noValuesNoChange() {
        assertThat(ValueRedactor.of(List.of()).redact("anything at all", "at all")).isEqualTo("anything at all");
        assertThat(of("").redact("anything")).isEqualTo("anything");
    }
}
