package dev.coffer.generator;

import dev.coffer.api.generators.v1alpha1.PasswordEncoding;
import dev.coffer.api.generators.v1alpha1.PasswordSpec;
import dev.coffer.provider.ProviderException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Password generator's rules: defaults, counts, character sets, repeats, encodings and keys. */
class PasswordGeneratorTest {

    private static final GeneratorContext CTX = new GeneratorContext("apps", null, null);

    private static Map<String, byte[]> generate(PasswordSpec spec) {
        ResolvedGenerator g = new ResolvedGenerator("Password", "pw", false, 1, spec, "f");
        return new PasswordGenerator().generate(g, CTX).values();
    }

    private static String password(PasswordSpec spec) {
        return new String(generate(spec).get("password"), StandardCharsets.UTF_8);
    }

    private static long count(String s, String from) {
        return s.chars().filter(c -> from.indexOf(c) >= 0).count();
    }

    @RepeatedTest(20)
    void defaultsAreUpstreamsLength24WithAQuarterDigitsAndAQuarterSymbolsAndNoRepeats() {
        String p = password(new PasswordSpec());
        assertThat(p).hasSize(24);
        assertThat(count(p, PasswordRules.DIGITS)).isEqualTo(6);
        assertThat(count(p, PasswordRules.DEFAULT_SYMBOLS)).isEqualTo(6);
        assertThat(count(p, PasswordRules.LOWER + PasswordRules.UPPER)).isEqualTo(12);
        assertThat(p.chars().distinct().count()).as("no repeated character in %s", p).isEqualTo(24);
    }

    @Test
    void outputKeyIsPassword() {
        assertThat(generate(new PasswordSpec())).containsOnlyKeys("password");
    }

    @RepeatedTest(10)
    void honoursLengthDigitsSymbolsSymbolSetAndNoUpper() {
        PasswordSpec spec = new PasswordSpec();
        spec.length = 42;
        spec.digits = 5;
        spec.symbols = 5;
        spec.symbolCharacters = "-_$@";
        spec.noUpper = true;
        spec.allowRepeat = true;
        String p = password(spec);
        assertThat(p).hasSize(42);
        assertThat(count(p, PasswordRules.DIGITS)).isEqualTo(5);
        assertThat(count(p, "-_$@")).isEqualTo(5);
        assertThat(count(p, PasswordRules.LOWER)).isEqualTo(32);
        assertThat(count(p, PasswordRules.UPPER)).isZero();
        assertThat(count(p, PasswordRules.DEFAULT_SYMBOLS.replaceAll("[-_$@]", ""))).isZero();
    }

    @Test
    void zeroOrNegativeLengthMeansTheDefault() {
        PasswordSpec spec = new PasswordSpec();
        spec.length = 0;
        assertThat(password(spec)).hasSize(24);
    }

    @Test
    void allowRepeatFalseNeverRepeatsEvenWhenTheSetIsNearlyUsedUp() {
        PasswordSpec spec = new PasswordSpec();
        spec.length = 10 + 4;
        spec.digits = 10;
        spec.symbols = 4;
        spec.symbolCharacters = "!@#$";
        String p = password(spec);
        assertThat(p.chars().distinct().count()).isEqualTo(14);
        assertThat(p).contains("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "!", "@", "#", "$");
    }

    @Test
    void allowRepeatTrueMayRepeat() {
        PasswordRules rules = PasswordRules.of(spec(60, 60, 0, null, false, true));
        rules.check("test");
        String p = PasswordGenerator.password(rules, new Random(7));
        assertThat(p).hasSize(60).matches("[0-9]{60}");
        assertThat(p.chars().distinct().count()).isLessThan(60);
    }

    @Test
    void impossibleRulesAreInvalidConfigNamingTheGenerator() {
        assertThatThrownBy(() -> generate(spec(8, 6, 6, null, false, false)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("Password apps/pw")
                .hasMessageContaining("exceed the length").extracting("kind").isEqualTo(ProviderException.Kind.INVALID_CONFIG);
        assertThatThrownBy(() -> generate(spec(20, 11, 0, null, false, false)))
                .hasMessageContaining("11 digits without repeats");
        assertThatThrownBy(() -> generate(spec(20, 0, 5, "ab", false, false)))
                .hasMessageContaining("5 symbols without repeats");
        assertThatThrownBy(() -> generate(spec(80, 0, 0, null, true, false)))
                .hasMessageContaining("80 letters without repeats");
        assertThatThrownBy(() -> generate(spec(10, 0, 2, "", false, true)))
                .hasMessageContaining("symbolCharacters is empty");
        assertThatThrownBy(() -> generate(spec(10, -1, 0, null, false, true)))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void eachSecretKeyGetsItsOwnPassword() {
        PasswordSpec spec = new PasswordSpec();
        spec.secretKeys = List.of("admin", "reader");
        Map<String, byte[]> out = generate(spec);
        assertThat(out).containsOnlyKeys("admin", "reader");
        assertThat(out.get("admin")).isNotEqualTo(out.get("reader"));
    }

    @Test
    void encodingsEncodeThePassword() {
        assertThat(new String(PasswordEncodings.encode("foobar", PasswordEncoding.base32))).isEqualTo("MZXW6YTBOI======");
        assertThat(PasswordEncodings.base32("f".getBytes())).isEqualTo("MY======");
        assertThat(PasswordEncodings.base32("fooba".getBytes())).isEqualTo("MZXW6YTB");
        assertThat(new String(PasswordEncodings.encode("a?b>", PasswordEncoding.base64))).isEqualTo("YT9iPg==");
        assertThat(new String(PasswordEncodings.encode("a?b>", PasswordEncoding.base64url))).isEqualTo("YT9iPg==");
        assertThat(new String(PasswordEncodings.encode("??>", PasswordEncoding.base64url))).isEqualTo("Pz8-");
        assertThat(new String(PasswordEncodings.encode("hi", PasswordEncoding.hex))).isEqualTo(HexFormat.of().formatHex("hi".getBytes()));
        assertThat(new String(PasswordEncodings.encode("hi", PasswordEncoding.raw))).isEqualTo("hi");

        PasswordSpec spec = new PasswordSpec();
        spec.encoding = PasswordEncoding.hex;
        assertThat(new String(generate(spec).get("password"))).matches("[0-9a-f]{48,}");
    }

    private static PasswordSpec spec(int length, int digits, int symbols, String symbolCharacters, boolean noUpper, boolean allowRepeat) {
        PasswordSpec s = new PasswordSpec();
        s.length = length;
        s.digits = digits;
        s.symbols = symbols;
        s.symbolCharacters = symbolCharacters;
        s.noUpper = noUpper;
        s.allowRepeat = allowRepeat;
        return s;
    }
}
