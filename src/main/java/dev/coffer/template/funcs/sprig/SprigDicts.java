package dev.coffer.template.funcs.sprig;

import static dev.coffer.template.funcs.ParamType.ANY;
import static dev.coffer.template.funcs.ParamType.MAP;
import static dev.coffer.template.funcs.ParamType.STRING;

import dev.coffer.template.funcs.FunctionException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.value.GoValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * sprig's dict functions (dict.go). Dicts are {@code map[string]interface{}}; set, unset and merge
 * change the dict they are given, as in Go. keys and values come back in key order (Go's order is
 * random, so templates sort them anyway).
 */
public final class SprigDicts {
    private SprigDicts() {
    }

    private static Map<String, Object> m(Object o) {
        return GoValues.map(o);
    }

    public static void register(FunctionRegistry.Builder r) {
        r.addVariadic("dict", SprigDicts::dict, ANY);
        r.add("get", a -> m(a[0]) != null && m(a[0]).containsKey(GoValues.str(a[1])) ? m(a[0]).get(GoValues.str(a[1])) : "",
                MAP, STRING);
        r.add("set", a -> mutate(a[0], d -> d.put(GoValues.str(a[1]), a[2])), MAP, STRING, ANY);
        r.add("unset", a -> mutate(a[0], d -> d.remove(GoValues.str(a[1]))), MAP, STRING);
        r.add("hasKey", a -> a[0] != null && m(a[0]).containsKey(GoValues.str(a[1])), MAP, STRING);
        r.addVariadic("pluck", a -> {
            List<Object> out = new ArrayList<>();
            for (int i = 1; i < a.length; i++) {
                if (a[i] != null && m(a[i]).containsKey(GoValues.str(a[0]))) {
                    out.add(m(a[i]).get(GoValues.str(a[0])));
                }
            }
            return out;
        }, STRING, MAP);
        r.addVariadic("keys", a -> {
            List<Object> out = new ArrayList<>();
            for (Object d : a) {
                if (d != null) {
                    out.addAll(new TreeSet<>(m(d).keySet()));
                }
            }
            return out;
        }, MAP);
        r.add("values", a -> {
            List<Object> out = new ArrayList<>();
            if (a[0] != null) {
                for (String k : new TreeSet<>(m(a[0]).keySet())) {
                    out.add(m(a[0]).get(k));
                }
            }
            return out;
        }, MAP);
        r.addVariadic("pick", a -> {
            Map<String, Object> out = new HashMap<>();
            for (int i = 1; i < a.length; i++) {
                String k = GoValues.str(a[i]);
                if (a[0] != null && m(a[0]).containsKey(k)) {
                    out.put(k, m(a[0]).get(k));
                }
            }
            return out;
        }, MAP, STRING);
        r.addVariadic("omit", a -> {
            Map<String, Object> out = new HashMap<>();
            List<String> drop = new ArrayList<>();
            for (int i = 1; i < a.length; i++) {
                drop.add(GoValues.str(a[i]));
            }
            if (a[0] != null) {
                m(a[0]).forEach((k, v) -> {
                    if (!drop.contains(k)) {
                        out.put(k, v);
                    }
                });
            }
            return out;
        }, MAP, STRING);
        for (String name : new String[]{"merge", "mustMerge"}) {
            r.addVariadic(name, a -> merge(a, false), MAP, MAP);
        }
        for (String name : new String[]{"mergeOverwrite", "mustMergeOverwrite"}) {
            r.addVariadic(name, a -> merge(a, true), MAP, MAP);
        }
        r.add("deepCopy", a -> DeepValues.deepCopy(a[0]), ANY);
        r.add("mustDeepCopy", a -> DeepValues.deepCopy(a[0]), ANY);
        r.addVariadic("dig", SprigDicts::dig, ANY);
    }

    private static Map<String, Object> dict(Object[] v) {
        Map<String, Object> d = new HashMap<>();
        for (int i = 0; i < v.length; i += 2) {
            String key = GoCast.strval(v[i]);
            d.put(key, i + 1 < v.length ? v[i + 1] : "");
        }
        return d;
    }

    private interface Mutation {
        void apply(Map<String, Object> d);
    }

    private static Object mutate(Object dict, Mutation mutation) throws FunctionException {
        if (dict == null) {
            throw new FunctionException("assignment to entry in nil map");
        }
        try {
            mutation.apply(m(dict));
        } catch (UnsupportedOperationException e) {
            throw new FunctionException("the dict cannot be changed");
        }
        return dict;
    }

    /** dig KEY... DEFAULT DICT: walks nested dicts, giving the default when a key is missing. */
    private static Object dig(Object[] ps) throws FunctionException {
        if (ps.length < 3) {
            throw new FunctionException("dig needs at least three arguments");
        }
        Object dict = ps[ps.length - 1];
        Object def = ps[ps.length - 2];
        for (int i = 0; i < ps.length - 2; i++) {
            if (!(dict instanceof Map)) {
                throw new FunctionException("interface conversion: interface {} is " + GoValues.typeName(dict)
                        + ", not map[string]interface {}");
            }
            if (!GoValues.isString(ps[i])) {
                throw new FunctionException("interface conversion: interface {} is " + GoValues.typeName(ps[i])
                        + ", not string");
            }
            String key = GoValues.str(ps[i]);
            if (!m(dict).containsKey(key)) {
                return def;
            }
            dict = m(dict).get(key);
        }
        return dict;
    }

    /** mergo.Merge (and WithOverride): nested dicts merge key by key; other values fill gaps or override. */
    private static Object merge(Object[] a, boolean overwrite) throws FunctionException {
        Map<String, Object> dst = a[0] == null ? new LinkedHashMap<>() : m(a[0]);
        try {
            for (int i = 1; i < a.length; i++) {
                if (a[i] != null) {
                    mergeInto(dst, m(a[i]), overwrite);
                }
            }
        } catch (UnsupportedOperationException e) {
            throw new FunctionException("the dict cannot be changed");
        }
        return dst;
    }

    private static void mergeInto(Map<String, Object> dst, Map<String, Object> src, boolean overwrite) {
        for (Map.Entry<String, Object> e : src.entrySet()) {
            String key = e.getKey();
            Object sv = e.getValue();
            Object dv = dst.get(key);
            if (sv instanceof Map && dv instanceof Map && !GoCast.empty(dv)) {
                mergeInto(m(dv), m(sv), overwrite);
                continue;
            }
            if ((sv instanceof Map || GoValues.isList(sv)) && dv != null && !GoCast.empty(dv) && !overwrite) {
                continue;
            }
            if (overwrite || !dst.containsKey(key) || GoCast.empty(dv)) {
                dst.put(key, sv);
            }
        }
    }
}
