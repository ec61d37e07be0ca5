package dev.coffer.template.gofmt;

/** Go's {@code strconv.Quote} family: double-quoted Go string literals with Go's escape rules. */
public final class GoQuote {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoQuote() {
    }

    /** {@code strconv.Quote}: printable runes stay as they are, others are escaped. */
    public static String quote(String s) {
        return quoteWith(s, '"', false);
    }

    /** {@code strconv.QuoteToASCII} ({@code %+q}): every non-ASCII rune is escaped. */
    public static String quoteToAscii(String s) {
        return quoteWith(s, '"', true);
    }

    /** {@code strconv.QuoteRune} ({@code %q} of an integer). */
    public static String quoteRune(int r) {
        if (r < 0 || r > Character.MAX_CODE_POINT || (r >= 0xD800 && r <= 0xDFFF)) {
            r = 0xFFFD;
        }
        StringBuilder sb = new StringBuilder("'");
        appendEscaped(sb, r, '\'', false);
        return sb.append('\'').toString();
    }

    /** {@code strconv.CanBackquote}: whether {@code %#q} may print the string as a raw literal. */
    public static boolean canBackquote(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < ' ' && c != '\t') || c == '`' || c == 0x7f || c == 0xFFFD) {
                return false;
            }
        }
        return true;
    }

    static String quoteWith(String s, char quote, boolean asciiOnly) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append(quote);
        for (int i = 0; i < s.length(); ) {
            int r = s.codePointAt(i);
            i += Character.charCount(r);
            if (r >= 0xD800 && r <= 0xDFFF) {
                r = 0xFFFD; // a lone surrogate is not a rune; Go would see invalid UTF-8
            }
            appendEscaped(sb, r, quote, asciiOnly);
        }
        return sb.append(quote).toString();
    }

    private static void appendEscaped(StringBuilder sb, int r, char quote, boolean asciiOnly) {
        if (r == quote || r == '\\') {
            sb.append('\\').appendCodePoint(r);
            return;
        }
        if (asciiOnly ? (r < 0x80 && isPrint(r)) : isPrint(r)) {
            sb.appendCodePoint(r);
            return;
        }
        switch (r) {
            case 7 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 0x0B -> sb.append("\\v");
            default -> {
                if (r < ' ' || r == 0x7f) {
                    sb.append("\\x").append(HEX[(r >> 4) & 0xF]).append(HEX[r & 0xF]);
                } else if (r < 0x10000) {
                    sb.append("\\u");
                    hex(sb, r, 4);
                } else {
                    sb.append("\\U");
                    hex(sb, r, 8);
                }
            }
        }
    }

    private static void hex(StringBuilder sb, int r, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            sb.append(HEX[(r >> shift) & 0xF]);
        }
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    public static boolean isPrint(int r) {
        if (r == ' ') {
            return true;
        }
        if (r < 0x20 || r == 0x7f) {
            return false;
        }
        return switch (Character.getType(r)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}
