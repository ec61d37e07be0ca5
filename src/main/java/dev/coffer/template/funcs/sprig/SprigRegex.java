package dev.coffer.template.funcs.sprig;

import static dev.coffer.template.funcs.ParamType.INT;
import static dev.coffer.template.funcs.ParamType.STRING;

import dev.coffer.gocompat.GoRegexp;
import dev.coffer.template.funcs.FunctionException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.value.GoValues;
import java.util.ArrayList;
import java.util.List;

/**
 * sprig's regular expression functions. The plain and must* forms fail alike on a bad pattern
 * (sprig panics, text/template turns the panic into an error); only the wording differs in Go.
 */
public final class SprigRegex {
    private SprigRegex() {
    }

    private static String s(Object o) {
        return GoValues.str(o);
    }

    public static void register(FunctionRegistry.Builder r) {
        for (String prefix : new String[]{"", "must"}) {
            String p = prefix;
            r.add(name(p, "regexMatch"), a -> p.isEmpty() ? matchesOrFalse(s(a[0]), s(a[1])) : re(a[0]).matches(s(a[1])),
                    STRING, STRING);
            r.add(name(p, "regexFindAll"), a -> new ArrayList<Object>(re(a[0]).findAllStrings(s(a[1]),
                    (int) GoValues.toLong(a[2]))), STRING, STRING, INT);
            r.add(name(p, "regexFind"), a -> {
                List<String> m = re(a[0]).findAllStrings(s(a[1]), 1);
                return m.isEmpty() ? "" : m.get(0);
            }, STRING, STRING);
            r.add(name(p, "regexReplaceAll"), a -> re(a[0]).replaceAll(s(a[1]), s(a[2]), false),
                    STRING, STRING, STRING);
            r.add(name(p, "regexReplaceAllLiteral"), a -> re(a[0]).replaceAll(s(a[1]), s(a[2]), true),
                    STRING, STRING, STRING);
            r.add(name(p, "regexSplit"), a -> new ArrayList<Object>(re(a[0]).split(s(a[1]),
                    (int) GoValues.toLong(a[2]))), STRING, STRING, INT);
        }
        r.add("regexQuoteMeta", a -> GoRegexp.quoteMeta(s(a[0])), STRING);
    }

    /** The one Go regexp translation ({@link GoRegexp}), its error as a function error. */
    private static GoRegexp re(Object expr) throws FunctionException {
        try {
            return GoRegexp.compile(s(expr));
        } catch (GoRegexp.InvalidRegexpException e) {
            throw new FunctionException(e.getMessage());
        }
    }

    /** sprig's regexMatch ignores a bad pattern and answers false; only mustRegexMatch reports it. */
    private static boolean matchesOrFalse(String pattern, String text) {
        try {
            return GoRegexp.compile(pattern).matches(text);
        } catch (GoRegexp.InvalidRegexpException e) {
            return false;
        }
    }

    private static String name(String prefix, String base) {
        return prefix.isEmpty() ? base : prefix + Character.toUpperCase(base.charAt(0)) + base.substring(1);
    }
}
