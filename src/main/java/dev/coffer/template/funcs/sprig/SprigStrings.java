package dev.coffer.template.funcs.sprig;

import static dev.coffer.template.funcs.ParamType.ANY;
import static dev.coffer.template.funcs.ParamType.INT;
import static dev.coffer.template.funcs.ParamType.STRING;

import dev.coffer.template.funcs.FunctionException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.gofmt.GoQuote;
import dev.coffer.template.value.GoValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** sprig's string functions (strings.go, functions.go). Substring-like functions cut at byte offsets, as Go does. */
public final class SprigStrings {
    private SprigStrings() {
    }

    private static String s(Object o) {
        return GoValues.str(o);
    }

    public static void register(FunctionRegistry.Builder r) {
        r.add("trim", a -> trimSpace(s(a[0])), STRING);
        r.add("upper", a -> s(a[0]).toUpperCase(), STRING);
        r.add("lower", a -> s(a[0]).toLowerCase(), STRING);
        r.add("title", a -> Abbreviations.title(s(a[0])), STRING);
        r.add("untitle", a -> Abbreviations.untitle(s(a[0])), STRING);
        r.add("repeat", a -> repeat(GoValues.toLong(a[0]), s(a[1])), INT, STRING);
        r.add("substr", a -> substr((int) GoValues.toLong(a[0]), (int) GoValues.toLong(a[1]), a[2]), INT, INT, STRING);
        r.add("nospace", a -> s(a[0]).codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString(), STRING);
        r.add("trunc", a -> trunc((int) GoValues.toLong(a[0]), a[1]), INT, STRING);
        r.add("abbrev", a -> GoValues.toLong(a[0]) < 4 ? s(a[1])
                : Abbreviations.abbreviateFull(s(a[1]), 0, (int) GoValues.toLong(a[0])), INT, STRING);
        r.add("abbrevboth", a -> abbrevboth((int) GoValues.toLong(a[0]), (int) GoValues.toLong(a[1]), s(a[2])),
                INT, INT, STRING);
        r.add("initials", a -> Abbreviations.initials(s(a[0])), STRING);
        r.add("wrap", a -> Abbreviations.wrap(s(a[1]), (int) GoValues.toLong(a[0]), "", false), INT, STRING);
        r.add("wrapWith", a -> Abbreviations.wrap(s(a[2]), (int) GoValues.toLong(a[0]), s(a[1]), true),
                INT, STRING, STRING);
        r.add("contains", a -> s(a[1]).contains(s(a[0])), STRING, STRING);
        r.add("hasPrefix", a -> s(a[1]).startsWith(s(a[0])), STRING, STRING);
        r.add("hasSuffix", a -> s(a[1]).endsWith(s(a[0])), STRING, STRING);
        r.addVariadic("quote", a -> quoteAll(a, true), ANY);
        r.addVariadic("squote", a -> quoteAll(a, false), ANY);
        r.addVariadic("cat", SprigStrings::cat, ANY);
        r.add("indent", a -> indent((int) GoValues.toLong(a[0]), s(a[1])), INT, STRING);
        r.add("nindent", a -> "\n" + indent((int) GoValues.toLong(a[0]), s(a[1])), INT, STRING);
        r.add("replace", a -> s(a[2]).replace(s(a[0]), s(a[1])), STRING, STRING, STRING);
        r.add("plural", a -> GoValues.toLong(a[2]) == 1 ? s(a[0]) : s(a[1]), STRING, STRING, INT);
        r.add("snakecase", a -> CaseConversion.snake(s(a[0])), STRING);
        r.add("camelcase", a -> CaseConversion.camel(s(a[0])), STRING);
        r.add("kebabcase", a -> CaseConversion.kebab(s(a[0])), STRING);
        r.add("swapcase", a -> Abbreviations.swapCase(s(a[0])), STRING);
        r.add("trimAll", a -> trimCutset(s(a[1]), s(a[0])), STRING, STRING);
        r.alias("trimall", "trimAll");
        r.add("trimPrefix", a -> s(a[1]).startsWith(s(a[0])) ? s(a[1]).substring(s(a[0]).length()) : s(a[1]),
                STRING, STRING);
        r.add("trimSuffix", a -> s(a[1]).endsWith(s(a[0]))
                ? s(a[1]).substring(0, s(a[1]).length() - s(a[0]).length()) : s(a[1]), STRING, STRING);
        r.add("toString", a -> GoCast.strval(a[0]), ANY);
    }

    /** strings.TrimSpace: Unicode white space at both ends. */
    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isGoSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isGoSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isGoSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0x85 || c == 0xA0
                || Character.isSpaceChar(c);
    }

    /** strings.Trim(s, cutset). */
    private static String trimCutset(String s, String cutset) {
        int start = 0;
        int end = s.length();
        while (start < end && cutset.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && cutset.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    private static String repeat(long count, String s) throws FunctionException {
        if (count < 0) {
            throw new FunctionException("strings: negative Repeat count");
        }
        if (count * (long) s.length() > 64L * 1024 * 1024) {
            throw new FunctionException("strings: Repeat output length overflow");
        }
        return s.repeat((int) count);
    }

    /** sprig substr: bytes [start, end); a negative start means 0, a negative or too large end means the end. */
    private static Object substr(int start, int end, Object str) throws FunctionException {
        byte[] b = GoValues.bytes(str);
        int from;
        int to;
        if (start < 0) {
            from = 0;
            to = end;
        } else if (end < 0 || end > b.length) {
            from = start;
            to = b.length;
        } else {
            from = start;
            to = end;
        }
        if (from < 0 || to < from || to > b.length) {
            throw new FunctionException("runtime error: slice bounds out of range");
        }
        return GoValues.stringFromBytes(Arrays.copyOfRange(b, from, to));
    }

    /** sprig trunc: a negative count keeps the end of the string. */
    private static Object trunc(int c, Object str) {
        byte[] b = GoValues.bytes(str);
        if (c < 0 && b.length + c > 0) {
            return GoValues.stringFromBytes(Arrays.copyOfRange(b, b.length + c, b.length));
        }
        if (c >= 0 && b.length > c) {
            return GoValues.stringFromBytes(Arrays.copyOfRange(b, 0, c));
        }
        return str;
    }

    private static String abbrevboth(int left, int right, String s) {
        if (right < 4 || (left > 0 && right < 7)) {
            return s;
        }
        return Abbreviations.abbreviateFull(s, left, right);
    }

    /** quote and squote skip nil arguments and join the rest with spaces. */
    private static String quoteAll(Object[] args, boolean doubleQuotes) {
        List<String> out = new ArrayList<>();
        for (Object a : args) {
            if (a != null) {
                String v = GoCast.strval(a);
                out.add(doubleQuotes ? GoQuote.quote(v) : "'" + v + "'");
            }
        }
        return String.join(" ", out);
    }

    /** cat: the non-nil arguments formatted with %v, space separated. */
    private static String cat(Object[] args) {
        List<String> out = new ArrayList<>();
        for (Object a : args) {
            if (a != null) {
                out.add(GoCast.strval(a));
            }
        }
        return String.join(" ", out);
    }

    private static String indent(int spaces, String v) {
        String pad = " ".repeat(Math.max(spaces, 0));
        return pad + v.replace("\n", "\n" + pad);
    }
}
