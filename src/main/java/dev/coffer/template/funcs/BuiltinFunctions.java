package dev.coffer.template.funcs;

import static dev.coffer.template.funcs.ParamType.ANY;
import static dev.coffer.template.funcs.ParamType.STRING;

import dev.coffer.template.gofmt.GoFormatter;
import dev.coffer.template.value.GoValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The functions every Go template has (text/template funcs.go): and, or, not, len, index, slice,
 * print, printf, println, html, js, urlquery, eq, ne, lt, le, gt, ge.
 * {@code call} is left out: templates here never receive function values.
 */
public final class BuiltinFunctions {
    private BuiltinFunctions() {
    }

    public static void register(FunctionRegistry.Builder r) {
        r.add(new TemplateFunction("and", List.of(ANY, ANY), true, TemplateFunction.Evaluation.AND, a -> null));
        r.add(new TemplateFunction("or", List.of(ANY, ANY), true, TemplateFunction.Evaluation.OR, a -> null));
        r.add("not", a -> !GoValues.isTrue(a[0]), ANY);
        r.add("len", a -> length(a[0]), ANY);
        r.addVariadic("index", a -> index(a[0], Arrays.copyOfRange(a, 1, a.length)), ANY, ANY);
        r.addVariadic("slice", a -> slice(a[0], Arrays.copyOfRange(a, 1, a.length)), ANY, ANY);
        r.addVariadic("print", a -> GoFormatter.sprint(Arrays.asList(a)), ANY);
        r.addVariadic("printf", a -> GoFormatter.sprintf(GoValues.str(a[0]),
                Arrays.asList(a).subList(1, a.length)), STRING, ANY);
        r.addVariadic("println", a -> GoFormatter.sprintln(Arrays.asList(a)), ANY);
        r.addVariadic("html", a -> TextEscapers.html(TextEscapers.evalArgs(a)), ANY);
        r.addVariadic("js", a -> TextEscapers.js(TextEscapers.evalArgs(a)), ANY);
        r.addVariadic("urlquery", a -> TextEscapers.queryEscape(TextEscapers.evalArgs(a)), ANY);
        r.addVariadic("eq", a -> GoComparison.eq(a[0], Arrays.copyOfRange(a, 1, a.length)), ANY, ANY);
        r.add("ne", a -> !GoComparison.eq(a[0], new Object[]{a[1]}), ANY, ANY);
        r.add("lt", a -> GoComparison.lt(a[0], a[1]), ANY, ANY);
        r.add("le", a -> GoComparison.le(a[0], a[1]), ANY, ANY);
        r.add("gt", a -> !GoComparison.le(a[0], a[1]), ANY, ANY);
        r.add("ge", a -> !GoComparison.lt(a[0], a[1]), ANY, ANY);
    }

    static long length(Object v) throws FunctionException {
        if (v == null) {
            throw new FunctionException("len of untyped nil");
        }
        if (GoValues.isString(v)) {
            return GoValues.byteLength(v);
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        if (GoValues.isList(v)) {
            return GoValues.list(v).size();
        }
        throw new FunctionException("len of type " + GoValues.typeName(v));
    }

    private static Object index(Object item, Object[] indexes) throws FunctionException {
        if (item == null) {
            throw new FunctionException("index of untyped nil");
        }
        Object v = item;
        for (Object idx : indexes) {
            if (v == null) {
                throw new FunctionException("index of nil pointer");
            }
            if (GoValues.isString(v)) {
                byte[] b = GoValues.bytes(v);
                v = (long) (b[position(idx, b.length)] & 0xFF);
            } else if (GoValues.isList(v)) {
                List<Object> list = GoValues.list(v);
                v = list.get(position(idx, list.size()));
            } else if (v instanceof Map<?, ?> m) {
                if (idx == null) {
                    throw new FunctionException("value is nil; should be of type string");
                }
                if (!GoValues.isString(idx)) {
                    throw new FunctionException("value has type " + GoValues.typeName(idx) + "; should be string");
                }
                v = m.get(GoValues.str(idx)); // a missing key gives the zero value, not an error
            } else {
                throw new FunctionException("can't index item of type " + GoValues.typeName(v));
            }
        }
        return v;
    }

    private static int position(Object idx, int len) throws FunctionException {
        if (!GoValues.isInt(idx)) {
            throw new FunctionException("cannot index slice/array with type " + GoValues.typeName(idx));
        }
        long x = GoValues.toLong(idx);
        if (x < 0 || x >= len) {
            throw new FunctionException("index out of range");
        }
        return (int) x;
    }

    private static Object slice(Object item, Object[] indexes) throws FunctionException {
        if (item == null) {
            throw new FunctionException("slice of untyped nil");
        }
        if (indexes.length > 3) {
            throw new FunctionException("too many slice indexes: " + indexes.length);
        }
        int len;
        if (GoValues.isString(item)) {
            if (indexes.length == 3) {
                throw new FunctionException("cannot 3-index slice a string");
            }
            len = GoValues.byteLength(item);
        } else if (GoValues.isList(item)) {
            len = GoValues.list(item).size();
        } else {
            throw new FunctionException("can't slice item of type " + GoValues.typeName(item));
        }
        int[] bounds = {0, len};
        for (int i = 0; i < indexes.length; i++) {
            if (!GoValues.isInt(indexes[i])) {
                throw new FunctionException("cannot index slice/array with type " + GoValues.typeName(indexes[i]));
            }
            long x = GoValues.toLong(indexes[i]);
            if (x < 0 || x > len) {
                throw new FunctionException("index out of range");
            }
            if (i < 2) {
                bounds[i] = (int) x;
            }
        }
        if (bounds[0] > bounds[1]) {
            throw new FunctionException("invalid slice index");
        }
        if (indexes.length == 3 && GoValues.toLong(indexes[2]) < bounds[1]) {
            throw new FunctionException("invalid slice index");
        }
        if (GoValues.isString(item)) {
            byte[] b = Arrays.copyOfRange(GoValues.bytes(item), bounds[0], bounds[1]);
            return GoValues.stringFromBytes(b);
        }
        return new ArrayList<>(GoValues.list(item).subList(bounds[0], bounds[1]));
    }
}
