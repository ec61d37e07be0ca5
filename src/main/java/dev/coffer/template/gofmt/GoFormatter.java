package dev.coffer.template.gofmt;

import dev.coffer.template.value.GoValues;
import dev.coffer.template.value.TemplateObject;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code fmt} package as templates see it: {@code Sprint}, {@code Sprintln} and {@code Sprintf}
 * with the common verbs, flags, width and precision, and Go's {@code %v} layout of maps
 * ({@code map[a:1 b:2]}, keys sorted), slices ({@code [a b]}) and nil ({@code <nil>}).
 * Misuse prints Go's markers ({@code %!d(string=x)}, {@code %!s(MISSING)}, {@code %!(EXTRA ...)}).
 */
public final class GoFormatter {
    private static final String HEX_LOWER = "0123456789abcdef";
    private static final String HEX_UPPER = "0123456789ABCDEF";

    private GoFormatter() {
    }

    /** The flags, width and precision of one verb. */
    private static final class Spec {
        boolean minus;
        boolean plus;
        boolean sharp;
        boolean space;
        boolean zero;
        int width = -1;
        int prec = -1;

        boolean hasWidth() {
            return width >= 0;
        }

        boolean hasPrec() {
            return prec >= 0;
        }
    }

    private static final Spec PLAIN = new Spec();

    // ---- Sprint / Sprintln ---------------------------------------------------------------------

    /** {@code fmt.Sprint}: spaces between operands when neither side is a string. */
    public static String sprint(List<?> args) {
        StringBuilder sb = new StringBuilder();
        boolean prevString = false;
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            boolean isString = GoValues.isString(arg);
            if (i > 0 && !isString && !prevString) {
                sb.append(' ');
            }
            printValue(sb, arg, 'v', PLAIN, 0);
            prevString = isString;
        }
        return sb.toString();
    }

    /** {@code fmt.Sprintln}: always spaces between operands, then a newline. */
    public static String sprintln(List<?> args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            printValue(sb, args.get(i), 'v', PLAIN, 0);
        }
        return sb.append('\n').toString();
    }

    /** {@code fmt.Sprint} of one value, i.e. {@code %v}. */
    public static String toString(Object v) {
        if (v instanceof String s) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        printValue(sb, v, 'v', PLAIN, 0);
        return sb.toString();
    }

    // ---- Sprintf -------------------------------------------------------------------------------

    /** {@code fmt.Sprintf}. */
    public static String sprintf(String format, List<?> args) {
        StringBuilder sb = new StringBuilder();
        int argNum = 0;
        boolean reordered = false;
        boolean goodArgNum = true;
        int end = format.length();
        int i = 0;
        while (i < end) {
            int lasti = i;
            while (i < end && format.charAt(i) != '%') {
                i++;
            }
            if (i > lasti) {
                sb.append(format, lasti, i);
            }
            if (i >= end) {
                break;
            }
            i++; // skip %
            Spec spec = new Spec();
            flags:
            for (; i < end; i++) {
                switch (format.charAt(i)) {
                    case '#' -> spec.sharp = true;
                    case '0' -> spec.zero = !spec.minus;
                    case '+' -> spec.plus = true;
                    case '-' -> {
                        spec.minus = true;
                        spec.zero = false;
                    }
                    case ' ' -> spec.space = true;
                    default -> {
                        break flags;
                    }
                }
            }
            // argument index for width
            int[] idx = argIndex(format, i, argNum, args.size());
            if (idx != null) {
                argNum = idx[0];
                i = idx[1];
                goodArgNum = idx[2] == 1;
                reordered = true;
            }
            if (i < end && format.charAt(i) == '*') {
                i++;
                Integer w = intArg(args, argNum);
                argNum++;
                if (w == null) {
                    sb.append("%!(BADWIDTH)");
                } else {
                    spec.width = Math.abs(w);
                    if (w < 0) {
                        spec.minus = true;
                        spec.zero = false;
                    }
                }
            } else {
                int start = i;
                while (i < end && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    spec.width = Integer.parseInt(format.substring(start, i));
                }
            }
            if (i + 1 <= end && i < end && format.charAt(i) == '.') {
                i++;
                idx = argIndex(format, i, argNum, args.size());
                if (idx != null) {
                    argNum = idx[0];
                    i = idx[1];
                    goodArgNum = idx[2] == 1;
                    reordered = true;
                }
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    Integer p = intArg(args, argNum);
                    argNum++;
                    if (p == null || p < 0) {
                        sb.append("%!(BADPREC)");
                    } else {
                        spec.prec = p;
                    }
                } else {
                    int start = i;
                    while (i < end && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    spec.prec = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
                }
            }
            idx = argIndex(format, i, argNum, args.size());
            if (idx != null) {
                argNum = idx[0];
                i = idx[1];
                goodArgNum = idx[2] == 1;
                reordered = true;
            }
            if (i >= end) {
                sb.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                sb.append('%');
                continue;
            }
            if (!goodArgNum) {
                sb.append("%!").appendCodePoint(verb).append("(BADINDEX)");
                goodArgNum = true;
                continue;
            }
            if (argNum >= args.size()) {
                sb.append("%!").appendCodePoint(verb).append("(MISSING)");
                continue;
            }
            Object arg = args.get(argNum++);
            if (verb == 'w') {
                verb = 'v';
            }
            printArg(sb, arg, (char) verb, spec);
        }
        if (!reordered && argNum < args.size()) {
            sb.append("%!(EXTRA ");
            for (int k = argNum; k < args.size(); k++) {
                if (k > argNum) {
                    sb.append(", ");
                }
                Object a = args.get(k);
                if (a == null) {
                    sb.append("<nil>");
                } else {
                    sb.append(GoValues.typeName(a)).append('=');
                    printValue(sb, a, 'v', PLAIN, 0);
                }
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** Parses {@code [n]}; returns {new argNum, new index, ok} or null when there is none. */
    private static int[] argIndex(String format, int i, int argNum, int numArgs) {
        if (i >= format.length() || format.charAt(i) != '[') {
            return null;
        }
        int close = format.indexOf(']', i);
        if (close < 0) {
            return new int[]{argNum, format.length(), 0};
        }
        try {
            int n = Integer.parseInt(format.substring(i + 1, close));
            if (n < 1 || n > numArgs) {
                return new int[]{argNum, close + 1, 0};
            }
            return new int[]{n - 1, close + 1, 1};
        } catch (NumberFormatException e) {
            return new int[]{argNum, close + 1, 0};
        }
    }

    private static Integer intArg(List<?> args, int argNum) {
        if (argNum < args.size() && GoValues.isInt(args.get(argNum))) {
            return (int) GoValues.toLong(args.get(argNum));
        }
        return null;
    }

    private static void printArg(StringBuilder sb, Object arg, char verb, Spec spec) {
        if (arg == null) {
            if (verb == 'T' || verb == 'v') {
                pad(sb, "<nil>", spec);
            } else {
                badVerb(sb, null, verb);
            }
            return;
        }
        if (verb == 'T') {
            pad(sb, GoValues.typeName(arg), spec);
            return;
        }
        printValue(sb, arg, verb, spec, 0);
    }

    private static void badVerb(StringBuilder sb, Object arg, char verb) {
        sb.append("%!").append(verb).append('(');
        if (arg == null) {
            sb.append("<nil>");
        } else {
            sb.append(GoValues.typeName(arg)).append('=');
            printValue(sb, arg, 'v', PLAIN, 0);
        }
        sb.append(')');
    }

    // ---- values --------------------------------------------------------------------------------

    private static void printValue(StringBuilder sb, Object v, char verb, Spec spec, int depth) {
        if (v == null) {
            if (verb == 'v') {
                pad(sb, "<nil>", spec);
            } else {
                badVerb(sb, null, verb);
            }
        } else if (v instanceof Boolean b) {
            if (verb == 't' || verb == 'v') {
                pad(sb, b.toString(), spec);
            } else {
                badVerb(sb, v, verb);
            }
        } else if (GoValues.isString(v)) {
            formatString(sb, v, verb, spec);
        } else if (GoValues.isInt(v)) {
            formatInteger(sb, v, GoValues.toLong(v), verb, spec);
        } else if (GoValues.isFloat(v)) {
            formatFloat(sb, v, GoValues.toDouble(v), verb, spec);
        } else if (v instanceof Map<?, ?> m) {
            sb.append("map[");
            List<String> keys = new ArrayList<>();
            for (Object k : m.keySet()) {
                keys.add(String.valueOf(k));
            }
            keys.sort(null);
            boolean first = true;
            for (String k : keys) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                printValue(sb, k, verb, spec, depth + 1);
                sb.append(':');
                printValue(sb, m.get(k), verb, spec, depth + 1);
            }
            sb.append(']');
        } else if (GoValues.isList(v)) {
            sb.append('[');
            List<Object> list = GoValues.list(v);
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                printValue(sb, list.get(i), verb, spec, depth + 1);
            }
            sb.append(']');
        } else if (v instanceof TemporalAccessor t) {
            formatStringValue(sb, GoTimeLayout.goString(t), verb, spec, v);
        } else if (v instanceof TemplateObject o) {
            formatStringValue(sb, o.toString(), verb, spec, v);
        } else {
            formatStringValue(sb, v.toString(), verb, spec, v);
        }
    }

    /** Values with a String method print through it for %v and %s (and %q, %x). */
    private static void formatStringValue(StringBuilder sb, String s, char verb, Spec spec, Object original) {
        switch (verb) {
            case 'v', 's', 'q', 'x', 'X' -> formatString(sb, s, verb, spec);
            default -> badVerb(sb, original, verb);
        }
    }

    private static void formatString(StringBuilder sb, Object value, char verb, Spec spec) {
        switch (verb) {
            case 'v', 's' -> {
                String s = GoValues.str(value);
                if (spec.hasPrec()) {
                    s = truncateRunes(s, spec.prec);
                }
                pad(sb, s, spec);
            }
            case 'q' -> {
                String s = GoValues.str(value);
                if (spec.hasPrec()) {
                    s = truncateRunes(s, spec.prec);
                }
                if (spec.sharp && GoQuote.canBackquote(s)) {
                    pad(sb, "`" + s + "`", spec);
                } else {
                    pad(sb, spec.plus ? GoQuote.quoteToAscii(s) : GoQuote.quote(s), spec);
                }
            }
            case 'x', 'X' -> {
                byte[] b = GoValues.bytes(value);
                int n = spec.hasPrec() ? Math.min(spec.prec, b.length) : b.length;
                String digits = verb == 'x' ? HEX_LOWER : HEX_UPPER;
                StringBuilder hex = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    if (spec.space && i > 0) {
                        hex.append(' ');
                    }
                    if (spec.sharp && (spec.space || i == 0)) {
                        hex.append('0').append(verb);
                    }
                    hex.append(digits.charAt((b[i] >> 4) & 0xF)).append(digits.charAt(b[i] & 0xF));
                }
                pad(sb, hex.toString(), spec);
            }
            default -> badVerb(sb, value, verb);
        }
    }

    private static String truncateRunes(String s, int n) {
        if (s.codePointCount(0, s.length()) <= n) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, n));
    }

    private static void formatInteger(StringBuilder sb, Object original, long v, char verb, Spec spec) {
        switch (verb) {
            case 'v', 'd' -> fmtInteger(sb, v, 10, verb, spec, HEX_LOWER);
            case 'b' -> fmtInteger(sb, v, 2, verb, spec, HEX_LOWER);
            case 'o', 'O' -> fmtInteger(sb, v, 8, verb, spec, HEX_LOWER);
            case 'x' -> fmtInteger(sb, v, 16, verb, spec, HEX_LOWER);
            case 'X' -> fmtInteger(sb, v, 16, verb, spec, HEX_UPPER);
            case 'c' -> pad(sb, runeString(v), spec);
            case 'q' -> pad(sb, GoQuote.quoteRune(validRune(v)), spec);
            case 'U' -> {
                String u = String.format("U+%04X", v);
                if (spec.sharp && v >= 0 && v <= Character.MAX_CODE_POINT && GoQuote.isPrint((int) v)) {
                    u += " '" + runeString(v) + "'";
                }
                pad(sb, u, spec);
            }
            case 'e', 'E', 'f', 'F', 'g', 'G' -> badVerb(sb, original, verb);
            default -> badVerb(sb, original, verb);
        }
    }

    private static int validRune(long v) {
        if (v < 0 || v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF)) {
            return 0xFFFD;
        }
        return (int) v;
    }

    private static String runeString(long v) {
        return new String(Character.toChars(validRune(v)));
    }

    /** Go's fmt.fmtInteger: precision is a minimum digit count; zero padding goes after the sign. */
    private static void fmtInteger(StringBuilder sb, long v, int base, char verb, Spec spec, String digits) {
        boolean negative = v < 0;
        // the magnitude of Long.MIN_VALUE does not fit a long; Long.toUnsignedString handles it
        String mag = negative ? Long.toUnsignedString(-v, base) : Long.toString(v, base);
        if (digits == HEX_UPPER) {
            mag = mag.toUpperCase();
        }
        int prec;
        if (spec.hasPrec()) {
            prec = spec.prec;
            if (prec == 0 && v == 0) {
                Spec noZero = copy(spec);
                noZero.zero = false;
                pad(sb, "", noZero);
                return;
            }
        } else if (spec.zero && spec.hasWidth() && !spec.minus) {
            prec = spec.width;
            if (negative || spec.plus || spec.space) {
                prec--;
            }
        } else {
            prec = 1;
        }
        StringBuilder num = new StringBuilder();
        for (int i = mag.length(); i < prec; i++) {
            num.append('0');
        }
        num.append(mag);
        if (spec.sharp) {
            switch (base) {
                case 2 -> num.insert(0, "0b");
                case 8 -> {
                    if (num.charAt(0) != '0') {
                        num.insert(0, '0');
                    }
                }
                case 16 -> num.insert(0, verb == 'X' ? "0X" : "0x");
                default -> {
                }
            }
        }
        if (verb == 'O') {
            num.insert(0, "0o");
        }
        if (negative) {
            num.insert(0, '-');
        } else if (spec.plus) {
            num.insert(0, '+');
        } else if (spec.space) {
            num.insert(0, ' ');
        }
        Spec noZero = copy(spec);
        noZero.zero = false;
        pad(sb, num.toString(), noZero);
    }

    private static void formatFloat(StringBuilder sb, Object original, double v, char verb, Spec spec) {
        char fverb;
        int prec;
        switch (verb) {
            case 'v' -> {
                fverb = 'g';
                prec = -1;
            }
            case 'g', 'G' -> {
                fverb = verb;
                prec = -1;
            }
            case 'e', 'E', 'f', 'F' -> {
                fverb = verb;
                prec = 6;
            }
            default -> {
                badVerb(sb, original, verb);
                return;
            }
        }
        if (spec.hasPrec()) {
            prec = spec.prec;
        }
        String num = FloatFormat.format(v, fverb, prec);
        if (spec.sharp && (fverb == 'g' || fverb == 'G') && !num.contains(".") && !num.contains("Inf")
                && !num.contains("NaN")) {
            int e = num.indexOf('e') >= 0 ? num.indexOf('e') : num.indexOf('E');
            num = e >= 0 ? num.substring(0, e) + "." + num.substring(e) : num + ".";
        }
        String sign;
        String body;
        if (num.startsWith("-") || num.startsWith("+")) {
            sign = num.substring(0, 1);
            body = num.substring(1);
        } else {
            sign = "+";
            body = num;
        }
        if (spec.space && sign.equals("+") && !spec.plus) {
            sign = " ";
        }
        if (body.equals("Inf") || body.equals("NaN")) {
            Spec noZero = copy(spec);
            noZero.zero = false;
            if (body.equals("NaN") && !spec.space && !spec.plus) {
                sign = "";
            }
            pad(sb, sign + body, noZero);
            return;
        }
        if (spec.plus || !sign.equals("+")) {
            if (spec.zero && spec.hasWidth() && spec.width > body.length() + 1) {
                sb.append(sign);
                for (int i = body.length() + 1; i < spec.width; i++) {
                    sb.append('0');
                }
                sb.append(body);
                return;
            }
            pad(sb, sign + body, spec);
            return;
        }
        pad(sb, body, spec);
    }

    private static Spec copy(Spec s) {
        Spec c = new Spec();
        c.minus = s.minus;
        c.plus = s.plus;
        c.sharp = s.sharp;
        c.space = s.space;
        c.zero = s.zero;
        c.width = s.width;
        c.prec = s.prec;
        return c;
    }

    /** Pads to the width (counted in runes) with spaces, or zeros when the 0 flag is set. */
    private static void pad(StringBuilder sb, String s, Spec spec) {
        if (!spec.hasWidth()) {
            sb.append(s);
            return;
        }
        int n = spec.width - s.codePointCount(0, s.length());
        if (n <= 0) {
            sb.append(s);
            return;
        }
        if (spec.minus) {
            sb.append(s);
            sb.append(" ".repeat(n));
        } else {
            sb.append((spec.zero ? "0" : " ").repeat(n));
            sb.append(s);
        }
    }

    /** UTF-8 bytes of the {@code %v} form, for writers that deal in bytes. */
    public static byte[] toBytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        return toString(v).getBytes(StandardCharsets.UTF_8);
    }
}
