package dev.coffer.template.funcs.sprig;

import static dev.coffer.template.funcs.ParamType.ANY;
import static dev.coffer.template.funcs.ParamType.INT;
import static dev.coffer.template.funcs.ParamType.STRING;

import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.value.GoValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Splitting and joining: split and splitn (dicts keyed _0, _1, ...), splitList, join, toStrings. */
public final class SprigStringLists {
    private SprigStringLists() {
    }

    public static void register(FunctionRegistry.Builder r) {
        r.add("split", a -> indexed(split(GoValues.str(a[1]), GoValues.str(a[0]), -1)), STRING, STRING);
        r.add("splitn", a -> indexed(split(GoValues.str(a[2]), GoValues.str(a[0]), (int) GoValues.toLong(a[1]))),
                STRING, INT, STRING);
        r.add("splitList", a -> new ArrayList<Object>(split(GoValues.str(a[1]), GoValues.str(a[0]), -1)),
                STRING, STRING);
        r.add("join", a -> {
            List<String> parts = new ArrayList<>();
            GoCast.strslice(a[1]).forEach(o -> parts.add((String) o));
            return String.join(GoValues.str(a[0]), parts);
        }, STRING, ANY);
        r.add("toStrings", a -> GoCast.strslice(a[0]), ANY);
    }

    private static Map<String, Object> indexed(List<String> parts) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            m.put("_" + i, parts.get(i));
        }
        return m;
    }

    /** Go's strings.SplitN: n < 0 means all; an empty separator splits after each character. */
    static List<String> split(String s, String sep, int n) {
        List<String> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        if (sep.isEmpty()) {
            int[] cps = s.codePoints().toArray();
            int limit = n < 0 ? cps.length : Math.min(n, cps.length);
            for (int i = 0; i < limit; i++) {
                if (i == limit - 1 && limit < cps.length) {
                    out.add(new String(cps, i, cps.length - i));
                } else {
                    out.add(new String(cps, i, 1));
                }
            }
            return out;
        }
        int start = 0;
        while (n < 0 || out.size() < n - 1) {
            int i = s.indexOf(sep, start);
            if (i < 0) {
                break;
            }
            out.add(s.substring(start, i));
            start = i + sep.length();
        }
        out.add(s.substring(start));
        return out;
    }
}
