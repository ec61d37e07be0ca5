package dev.coffer.template.funcs.sprig;

import static dev.coffer.template.funcs.ParamType.ANY;
import static dev.coffer.template.funcs.ParamType.BOOL;
import static dev.coffer.template.funcs.ParamType.STRING;

import dev.coffer.template.funcs.FunctionException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.value.GoValues;

/**
 * sprig's defaults.go and reflect.go: default, empty, coalesce, all, any, ternary, fail,
 * typeOf, typeIs, typeIsLike, kindOf, kindIs, deepEqual.
 */
public final class SprigDefaults {
    private SprigDefaults() {
    }

    public static void register(FunctionRegistry.Builder r) {
        // default DEFAULT GIVEN: GIVEN unless it is empty (sprig's empty: nil, 0, false, "" and empty lists/maps)
        r.addVariadic("default", a -> a.length < 2 || GoCast.empty(a[1]) ? a[0] : a[1], ANY, ANY);
        r.add("empty", a -> GoCast.empty(a[0]), ANY);
        r.addVariadic("coalesce", a -> {
            for (Object o : a) {
                if (!GoCast.empty(o)) {
                    return o;
                }
            }
            return null;
        }, ANY);
        r.addVariadic("all", a -> {
            for (Object o : a) {
                if (GoCast.empty(o)) {
                    return false;
                }
            }
            return true;
        }, ANY);
        r.addVariadic("any", a -> {
            for (Object o : a) {
                if (!GoCast.empty(o)) {
                    return true;
                }
            }
            return false;
        }, ANY);
        r.add("ternary", a -> (Boolean) a[2] ? a[0] : a[1], ANY, ANY, BOOL);
        // the message is written by the template author, so it may be shown
        r.add("fail", a -> {
            throw new FunctionException(GoValues.str(a[0]));
        }, STRING);
        r.add("typeOf", a -> GoValues.typeName(a[0]), ANY);
        r.add("typeIs", a -> GoValues.str(a[0]).equals(GoValues.typeName(a[1])), STRING, ANY);
        r.add("typeIsLike", a -> {
            String t = GoValues.typeName(a[1]);
            String target = GoValues.str(a[0]);
            return target.equals(t) || ("*" + target).equals(t);
        }, STRING, ANY);
        r.add("kindOf", a -> GoValues.kindName(a[0]), ANY);
        r.add("kindIs", a -> GoValues.str(a[0]).equals(GoValues.kindName(a[1])), STRING, ANY);
        r.add("deepEqual", a -> DeepValues.deepEqual(a[0], a[1]), ANY, ANY);
    }
}
