package dev.coffer.generator;

import dev.coffer.api.generators.v1alpha1.PasswordEncoding;
import dev.coffer.api.generators.v1alpha1.PasswordSpec;
import dev.coffer.provider.ProviderException;

import java.util.List;

/**
 * A Password spec with upstream's defaults filled in: length 24, a quarter of the length each
 * for digits and symbols, upstream's symbol set, output key {@code password}.
 */
public record PasswordRules(int length, int digits, int symbols, String symbolCharacters, boolean noUpper,
                            boolean allowRepeat, PasswordEncoding encoding, List<String> keys) {

    public static final int DEFAULT_LENGTH = 24;
    public static final String DEFAULT_SYMBOLS = "~!@#$%^&*()_+`-={}|[]\\:\"<>?,./";
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String DIGITS = "0123456789";

    public static PasswordRules of(PasswordSpec spec) {
        PasswordSpec s = spec == null ? new PasswordSpec() : spec;
        int length = s.length != null && s.length > 0 ? s.length : DEFAULT_LENGTH;
        int quarter = (int) (length * 0.25f);
        return new PasswordRules(length,
                s.digits != null ? s.digits : quarter,
                s.symbols != null ? s.symbols : quarter,
                s.symbolCharacters != null ? s.symbolCharacters : DEFAULT_SYMBOLS,
                Boolean.TRUE.equals(s.noUpper),
                Boolean.TRUE.equals(s.allowRepeat),
                s.encoding == null ? PasswordEncoding.raw : s.encoding,
                s.secretKeys == null || s.secretKeys.isEmpty() ? List.of("password") : List.copyOf(s.secretKeys));
    }

    String letters() {
        return noUpper ? LOWER : LOWER + UPPER;
    }

    /** Throws INVALID_CONFIG when no password can satisfy the rules. */
    void check(String what) {
        int letters = length - digits - symbols;
        if (digits < 0 || symbols < 0) {
            throw ProviderException.invalidConfig(what + ": digits and symbols must not be negative");
        }
        if (letters < 0) {
            throw ProviderException.invalidConfig(what + ": digits (" + digits + ") plus symbols (" + symbols
                    + ") exceed the length (" + length + ")");
        }
        if (symbols > 0 && symbolCharacters.isEmpty()) {
            throw ProviderException.invalidConfig(what + ": symbols are requested but symbolCharacters is empty");
        }
        if (!allowRepeat) {
            checkAvailable(what, "letters", letters, distinct(letters()));
            checkAvailable(what, "digits", digits, DIGITS.length());
            checkAvailable(what, "symbols", symbols, distinct(symbolCharacters));
        }
    }

    private static void checkAvailable(String what, String kind, int wanted, int available) {
        if (wanted > available) {
            throw ProviderException.invalidConfig(what + ": " + wanted + " " + kind + " without repeats, but only "
                    + available + " distinct " + kind + " are available (set allowRepeat: true)");
        }
    }

    private static int distinct(String chars) {
        return (int) chars.codePoints().distinct().count();
    }
}
