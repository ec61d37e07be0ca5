package dev.coffer.template.funcs.sprig;

import java.util.ArrayList;
import java.util.List;

/**
 * snakecase, kebabcase and camelcase as huandu/xstrings does them for sprig.
 * Words split at separators ({@code _ - space}), at lower-to-upper changes and before the last
 * capital of an acronym ({@code HTTPServer -> http_server}); digits stay with the word before them.
 */
final class CaseConversion {
    private CaseConversion() {
    }

    static String snake(String s) {
        return String.join("_", words(s));
    }

    static String kebab(String s) {
        return String.join("-", words(s));
    }

    private static boolean isConnector(int c) {
        return c == '_' || c == '-' || Character.isWhitespace(c);
    }

    private static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (isConnector(c)) {
                flush(words, cur);
                continue;
            }
            if (Character.isUpperCase(c) && cur.length() > 0) {
                int prev = cps[i - 1];
                boolean nextLower = i + 1 < cps.length && Character.isLowerCase(cps[i + 1]);
                if (Character.isLowerCase(prev) || Character.isDigit(prev)
                        || (Character.isUpperCase(prev) && nextLower)) {
                    flush(words, cur);
                }
            }
            cur.appendCodePoint(Character.toLowerCase(c));
        }
        flush(words, cur);
        return words;
    }

    private static void flush(List<String> words, StringBuilder cur) {
        if (cur.length() > 0) {
            words.add(cur.toString());
            cur.setLength(0);
        }
    }

    /** xstrings.ToCamelCase: drops connectors and upper-cases the rune after them; the rest is kept. */
    static String camel(String s) {
        int[] cps = s.codePoints().toArray();
        StringBuilder sb = new StringBuilder();
        int i = 0;
        // leading connectors appear in the output
        while (i < cps.length && isConnector(cps[i])) {
            sb.appendCodePoint(cps[i]);
            i++;
        }
        if (i >= cps.length) {
            return sb.toString();
        }
        int r0 = Character.toUpperCase(cps[i++]);
        while (i < cps.length) {
            int r1 = r0;
            r0 = cps[i++];
            if (isConnector(r0) && isConnector(r1)) {
                sb.appendCodePoint(r1);
                continue;
            }
            if (isConnector(r1)) {
                r0 = Character.toUpperCase(r0);
            } else {
                sb.appendCodePoint(r1);
            }
        }
        sb.appendCodePoint(r0);
        return sb.toString();
    }
}
