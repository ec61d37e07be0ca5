package dev.coffer.template.funcs;

import dev.coffer.template.gofmt.GoFormatter;
import dev.coffer.template.gofmt.GoQuote;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The html, js and urlquery builtins: Go's HTMLEscapeString, JSEscapeString and url.QueryEscape. */
final class TextEscapers {
    private TextEscapers() {
    }

    /** Go's evalArgs: a single string as is, otherwise fmt.Sprint of the values (nil prints as {@code <no value>}). */
    static String evalArgs(Object[] args) {
        if (args.length == 1 && args[0] instanceof String s) {
            return s;
        }
        Object[] printable = Arrays.stream(args).map(a -> a == null ? "<no value>" : a).toArray();
        return GoFormatter.sprint(Arrays.asList(printable));
    }

    static String html(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case 0 -> sb.append('\uFFFD');
                case '"' -> sb.append("&#34;");
                case '\'' -> sb.append("&#39;");
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String js(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '<' -> sb.append("\\u003C");
                case '>' -> sb.append("\\u003E");
                case '&' -> sb.append("\\u0026");
                case '=' -> sb.append("\\u003D");
                default -> {
                    if (c < ' ') {
                        sb.append(String.format("\\u%04X", c));
                    } else if (c < 0x80 || GoQuote.isPrint(c)) {
                        sb.appendCodePoint(c);
                    } else {
                        sb.append(String.format("\\u%04X", c));
                    }
                }
            }
        }
        return sb.toString();
    }

    /** url.QueryEscape: unreserved bytes stay, space becomes '+', the rest %XX. */
    static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }
}
