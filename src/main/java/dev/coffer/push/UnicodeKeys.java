package dev.coffer.push;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code conversionStrategy: ReverseUnicode}: undoes the ExternalSecret's {@code Unicode} key
 * conversion, so a Secret key {@code db_U002f_user} is pushed as {@code db/user}, as upstream.
 */
final class UnicodeKeys {

    private static final Pattern ESCAPE = Pattern.compile("_U([0-9a-fA-F]{4})_");

    private UnicodeKeys() {
    }

    static String reverse(String key) {
        Matcher m = ESCAPE.matcher(key);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Map<String, byte[]> reverse(Map<String, byte[]> data) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        data.forEach((k, v) -> out.put(reverse(k), v));
        return out;
    }
}
