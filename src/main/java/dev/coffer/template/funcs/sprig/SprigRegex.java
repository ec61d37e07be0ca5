package dev.coffer.template.funcs.sprig;

import static dev.coffer.template.funcs.ParamType.INT;
import static dev.coffer.template.funcs.ParamType.STRING;

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
            r.add(name(p, "regexMatch"), a -> p.isEmpty() ? matchesOrFalse(s(a[0]), s(a[1]))
                    : GoRegex.compile(s(a[0])).matcher(s(a[1])).find(), STRING, STRING);
            r.add(name(p, "regexFindAll"), a -> new ArrayList<Object>(GoRegex.findAllStrings(GoRegex.compile(s(a[0])),
                    s(a[1]), (int) GoValues.toLong(a[2]))), STRING, STRING, INT);
            r.add(name(p, "regexFind"), a -> {
                List<String> m = GoRegex.findAllStrings(GoRegex.compile(s(a[0])), s(a[1]), 1);
                return m.isEmpty() ? "" : m.get(0);
            }, STRING, STRING);
            r.add(name(p, "regexReplaceAll"), a -> GoRegex.replaceAll(GoRegex.compile(s(a[0])), s(a[1]), s(a[2]), false),
                    STRING, STRING, STRING);
            r.add(name(p, "regexReplaceAllLiteral"), a -> GoRegex.replaceAll(GoRegex.compile(s(a[0])), s(a[1]), s(a[2]),
                    true), STRING, STRING, STRING);
            r.add(name(p, "regexSplit"), a -> new ArrayList<Object>(GoRegex.split(GoRegex.compile(s(a[0])), s(a[1]),
                    (int) GoValues.toLong(a[2]))), STRING, STRING, INT);
        }
        r.add("regexQuoteMeta", a -> GoRegex.quoteMeta(s(a[0])), STRING);
    }

    /** sprig's regexMatch ignores a bad pattern and answers false; only mustRegexMatch reports it. */
    private static boolean matchesOrFalse(String pattern, String text) {
        try {
            return GoRegex.compile(pattern).matcher(text).find();
        } catch (FunctionException e) {
            return false;
        }
    }

    private static String name(String prefix, String base) {
        return prefix.isEmpty() ? base : prefix + Character.toUpperCase(base.charAt(0)) + base.substring(1);
    }
}
