package dev.coffer.template.funcs.sprig;

import dev.coffer.template.value.GoValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** reflect.DeepEqual and copystructure.Copy over template values. */
final class DeepValues {
    private DeepValues() {
    }

    static boolean deepEqual(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (GoValues.isInt(a) && GoValues.isInt(b)) {
            return GoValues.toLong(a) == GoValues.toLong(b);
        }
        if (GoValues.isFloat(a) && GoValues.isFloat(b)) {
            return GoValues.toDouble(a) == GoValues.toDouble(b);
        }
        if (GoValues.isString(a) && GoValues.isString(b)) {
            return GoValues.stringsEqual(a, b);
        }
        if (GoValues.isList(a) && GoValues.isList(b)) {
            List<Object> la = GoValues.list(a);
            List<Object> lb = GoValues.list(b);
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!deepEqual(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !deepEqual(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, val) -> copy.put((String) k, deepCopy(val)));
            return copy;
        }
        if (GoValues.isList(v)) {
            List<Object> copy = new ArrayList<>();
            for (Object o : GoValues.list(v)) {
                copy.add(deepCopy(o));
            }
            return copy;
        }
        if (v instanceof byte[] b) {
            return b.clone();
        }
        return v;
    }
}
