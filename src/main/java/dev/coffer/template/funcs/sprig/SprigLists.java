package dev.coffer.template.funcs.sprig;

import static dev.coffer.template.funcs.ParamType.ANY;
import static dev.coffer.template.funcs.ParamType.INT;

import dev.coffer.template.funcs.FunctionBody;
import dev.coffer.template.funcs.FunctionException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.funcs.ParamType;
import dev.coffer.template.value.GoValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * sprig's list functions (list.go). Each takes any slice; a non-slice is the error
 * "Cannot X on type KIND" (must* variants) — the plain variants panic with the same message,
 * which text/template reports as an error too. Sprig's {@code slice} replaces Go's builtin, as it
 * does in ESO: it slices lists only.
 */
public final class SprigLists {
    private SprigLists() {
    }

    private static List<Object> requireList(Object v, String what) throws FunctionException {
        if (!GoValues.isList(v)) {
            throw new FunctionException("Cannot " + what + " on type " + GoValues.kindName(v));
        }
        return GoValues.list(v);
    }

    /** Registers name and mustName with the same body. */
    private static void both(FunctionRegistry.Builder r, String name, FunctionBody body, ParamType... params) {
        r.add(name, body, params);
        r.add("must" + Character.toUpperCase(name.charAt(0)) + name.substring(1), body, params);
    }

    private static void bothVariadic(FunctionRegistry.Builder r, String name, FunctionBody body, ParamType... params) {
        r.addVariadic(name, body, params);
        r.addVariadic("must" + Character.toUpperCase(name.charAt(0)) + name.substring(1), body, params);
    }

    public static void register(FunctionRegistry.Builder r) {
        r.addVariadic("list", a -> new ArrayList<>(Arrays.asList(a)), ANY);
        r.alias("tuple", "list");
        both(r, "push", a -> {
            List<Object> out = new ArrayList<>(requireList(a[0], "push"));
            out.add(a[1]);
            return out;
        }, ANY, ANY);
        both(r, "append", a -> {
            List<Object> out = new ArrayList<>(requireList(a[0], "push"));
            out.add(a[1]);
            return out;
        }, ANY, ANY);
        both(r, "prepend", a -> {
            List<Object> out = new ArrayList<>();
            out.add(a[1]);
            out.addAll(requireList(a[0], "prepend"));
            return out;
        }, ANY, ANY);
        both(r, "first", a -> {
            List<Object> l = requireList(a[0], "find first");
            return l.isEmpty() ? null : l.get(0);
        }, ANY);
        both(r, "last", a -> {
            List<Object> l = requireList(a[0], "find last");
            return l.isEmpty() ? null : l.get(l.size() - 1);
        }, ANY);
        both(r, "rest", a -> {
            List<Object> l = requireList(a[0], "find rest");
            return l.isEmpty() ? null : new ArrayList<>(l.subList(1, l.size()));
        }, ANY);
        both(r, "initial", a -> {
            List<Object> l = requireList(a[0], "find initial");
            return l.isEmpty() ? null : new ArrayList<>(l.subList(0, l.size() - 1));
        }, ANY);
        both(r, "reverse", a -> {
            List<Object> out = new ArrayList<>(requireList(a[0], "find reverse"));
            Collections.reverse(out);
            return out;
        }, ANY);
        both(r, "uniq", a -> {
            List<Object> out = new ArrayList<>();
            for (Object o : requireList(a[0], "find uniq")) {
                if (!containsDeep(out, o)) {
                    out.add(o);
                }
            }
            return out;
        }, ANY);
        bothVariadic(r, "without", a -> {
            List<Object> omit = Arrays.asList(a).subList(1, a.length);
            List<Object> out = new ArrayList<>();
            for (Object o : requireList(a[0], "find without")) {
                if (!containsDeep(omit, o)) {
                    out.add(o);
                }
            }
            return out;
        }, ANY, ANY);
        both(r, "has", a -> {
            if (a[1] == null) {
                return false;
            }
            return containsDeep(requireList(a[1], "find has"), a[0]);
        }, ANY, ANY);
        both(r, "compact", a -> {
            List<Object> out = new ArrayList<>();
            for (Object o : requireList(a[0], "compact")) {
                if (!GoCast.empty(o)) {
                    out.add(o);
                }
            }
            return out;
        }, ANY);
        bothVariadic(r, "slice", a -> slice(a[0], Arrays.copyOfRange(a, 1, a.length)), ANY, ANY);
        both(r, "chunk", a -> chunk(GoValues.toLong(a[0]), requireList(a[1], "chunk")), INT, ANY);
        r.addVariadic("concat", a -> {
            List<Object> out = new ArrayList<>();
            for (Object l : a) {
                if (!GoValues.isList(l)) {
                    throw new FunctionException("Cannot concat type " + GoValues.kindName(l) + " as list");
                }
                out.addAll(GoValues.list(l));
            }
            return out;
        }, ANY);
        r.add("sortAlpha", a -> {
            if (!GoValues.isList(a[0])) {
                return new ArrayList<Object>(List.of(GoCast.strval(a[0])));
            }
            List<Object> out = GoCast.strslice(a[0]);
            out.sort((x, y) -> Arrays.compareUnsigned(GoValues.bytes(x), GoValues.bytes(y)));
            return out;
        }, ANY);
    }

    static boolean containsDeep(List<Object> list, Object needle) {
        for (Object o : list) {
            if (DeepValues.deepEqual(o, needle)) {
                return true;
            }
        }
        return false;
    }

    private static Object slice(Object list, Object[] indices) throws FunctionException {
        if (!GoValues.isList(list)) {
            throw new FunctionException("list should be type of slice or array but " + GoValues.kindName(list));
        }
        List<Object> l = GoValues.list(list);
        if (l.isEmpty()) {
            return null;
        }
        int start = indices.length > 0 ? (int) GoCast.toInt64(indices[0]) : 0;
        int end = indices.length < 2 ? l.size() : (int) GoCast.toInt64(indices[1]);
        if (start < 0 || end < start || end > l.size()) {
            throw new FunctionException("reflect: slice index out of range");
        }
        return new ArrayList<>(l.subList(start, end));
    }

    private static List<Object> chunk(long size, List<Object> l) throws FunctionException {
        if (size <= 0) {
            throw new FunctionException("runtime error: integer divide by zero");
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i += (int) size) {
            out.add(new ArrayList<>(l.subList(i, (int) Math.min(l.size(), i + size))));
        }
        return out;
    }
}
