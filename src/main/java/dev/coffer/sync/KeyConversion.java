package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ConversionStrategy;

import java.util.regex.Pattern;

/**
 * Turns remote names into valid Secret keys, as upstream does for extract and find: with
 * {@code Default} each invalid character becomes {@code _}; with {@code Unicode} it becomes
 * {@code _U<hex code point>_} so distinct names stay distinct.
 */
final class KeyConversion {

    private static final Pattern VALID = Pattern.compile("[-._a-zA-Z0-9]");

    private KeyConversion() {
    }

    static String convert(String key, ConversionStrategy strategy) {
        StringBuilder out = new StringBuilder(key.length());
        key.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            if (VALID.matcher(ch).matches()) {
                out.append(ch);
            } else if (strategy == ConversionStrategy.Unicode) {
                out.append(String.format("_U%04x_", cp));
            } else {
                out.append('_');
            }
        });
        return out.toString();
    }
}
