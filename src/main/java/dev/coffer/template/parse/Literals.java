package dev.coffer.template.parse;

import java.math.BigInteger;

/** Go literal syntax: {@code strconv.Unquote} for strings and chars, and numeric constants. */
final class Literals {
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Literals() {
    }

    /** Unquotes a double-quoted, raw or single-quoted Go literal; throws IllegalArgumentException if invalid. */
    static String unquote(String quoted) {
        char q = quoted.charAt(0);
        String body = quoted.substring(1, quoted.length() - 1);
        if (q == '`') {
            return body.replace("\r", ""); // Go drops carriage returns from raw strings
        }
        StringBuilder sb = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == q) {
                throw new IllegalArgumentException("invalid syntax");
            }
            if (c != '\\') {
                sb.append(c);
                i++;
                continue;
            }
            if (i + 1 >= body.length()) {
                throw new IllegalArgumentException("invalid syntax");
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> sb.append((char) 7);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append((char) 0x0B);
                case '\\' -> sb.append('\\');
                case '\'', '"' -> {
                    if (e != q) {
                        throw new IllegalArgumentException("invalid syntax");
                    }
                    sb.append(e);
                }
                case 'x' -> {
                    // \xNN is a byte; bytes >= 0x80 are not valid text on their own, we keep them as Latin-1 runes
                    sb.append((char) parseHex(body, i, 2));
                    i += 2;
                }
                case 'u' -> {
                    sb.appendCodePoint(checkRune(parseHex(body, i, 4)));
                    i += 4;
                }
                case 'U' -> {
                    sb.appendCodePoint(checkRune(parseHex(body, i, 8)));
                    i += 8;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        if (i + 2 > body.length()) {
                            throw new IllegalArgumentException("invalid syntax");
                        }
                        int v = Integer.parseInt(body.substring(i - 1, i + 2), 8);
                        if (v > 255) {
                            throw new IllegalArgumentException("invalid syntax");
                        }
                        sb.append((char) v);
                        i += 2;
                    } else {
                        throw new IllegalArgumentException("invalid syntax");
                    }
                }
            }
        }
        String s = sb.toString();
        if (q == '\'' && s.codePointCount(0, s.length()) != 1) {
            throw new IllegalArgumentException("invalid syntax");
        }
        return s;
    }

    private static int parseHex(String s, int from, int len) {
        if (from + len > s.length()) {
            throw new IllegalArgumentException("invalid syntax");
        }
        try {
            return (int) Long.parseLong(s.substring(from, from + len), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid syntax");
        }
    }

    private static int checkRune(int cp) {
        if (cp < 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
            throw new IllegalArgumentException("invalid syntax");
        }
        return cp;
    }

    /** Builds a Number node like Go's parse.newNumber: one literal may be an int and a float at once. */
    static Node.Number number(int pos, String text, boolean isChar) {
        if (isChar) {
            int rune = unquote(text).codePointAt(0);
            return new Node.Number(pos, text, true, rune, true, rune, true);
        }
        if (text.endsWith("i") && !text.startsWith("0x") && !text.startsWith("0X")) {
            throw new IllegalArgumentException("complex numbers are not supported");
        }
        String clean = stripUnderscores(text);
        BigInteger big = parseInteger(clean);
        if (big != null) {
            if (big.bitLength() <= 63) {
                long v = big.longValue();
                return new Node.Number(pos, text, true, v, true, (double) v, false);
            }
            if (big.signum() > 0 && big.compareTo(MAX_UINT64) <= 0) {
                // fits uint64 only: usable as a float, not as an int
                return new Node.Number(pos, text, false, 0, true, big.doubleValue(), false);
            }
        }
        double f;
        try {
            f = parseFloat(clean);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("illegal number syntax: " + dev.coffer.template.gofmt.GoQuote.quote(text));
        }
        if (!containsAny(text, ".eEpP")) {
            throw new IllegalArgumentException("integer overflow: " + dev.coffer.template.gofmt.GoQuote.quote(text));
        }
        boolean isInt = f == Math.rint(f) && Math.abs(f) < 0x1p63;
        return new Node.Number(pos, text, isInt, isInt ? (long) f : 0, true, f, false);
    }

    private static BigInteger parseInteger(String s) {
        String body = s;
        boolean negative = false;
        if (body.startsWith("+") || body.startsWith("-")) {
            negative = body.charAt(0) == '-';
            body = body.substring(1);
        }
        int radix = 10;
        if (body.length() > 1 && body.charAt(0) == '0') {
            char p = Character.toLowerCase(body.charAt(1));
            if (p == 'x') {
                radix = 16;
                body = body.substring(2);
            } else if (p == 'o') {
                radix = 8;
                body = body.substring(2);
            } else if (p == 'b') {
                radix = 2;
                body = body.substring(2);
            } else {
                radix = 8; // Go: a leading 0 means octal
                body = body.substring(1);
            }
        }
        if (body.isEmpty()) {
            return null;
        }
        for (int i = 0; i < body.length(); i++) {
            if (Character.digit(body.charAt(i), radix) < 0) {
                return null;
            }
        }
        BigInteger v = new BigInteger(body, radix);
        return negative ? v.negate() : v;
    }

    private static double parseFloat(String s) {
        String lower = s.toLowerCase();
        if (lower.matches("[+-]?0x[0-9a-f]*(\\.[0-9a-f]*)?p[+-]?[0-9]+")) {
            return Double.parseDouble(s);
        }
        if (!lower.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[+-]?[0-9]+)?")) {
            throw new NumberFormatException();
        }
        return Double.parseDouble(s);
    }

    private static String stripUnderscores(String text) {
        if (text.indexOf('_') < 0) {
            return text;
        }
        // Go allows an underscore only between digits, or after a base prefix
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '_') {
                boolean before = i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)));
                boolean after = i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i + 1));
                if (!before || !after) {
                    throw new IllegalArgumentException("illegal number syntax: " + dev.coffer.template.gofmt.GoQuote.quote(text));
                }
            }
        }
        return text.replace("_", "");
    }

    private static boolean containsAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
