package dev.coffer.template.funcs.sprig;

import static dev.coffer.template.funcs.ParamType.ANY;
import static dev.coffer.template.funcs.ParamType.STRING;

import dev.coffer.template.funcs.FunctionException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.value.GoValues;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON functions: sprig's toJson, toPrettyJson (2-space indent), toRawJson (no HTML escaping),
 * fromJson (errors give nil) and their must* forms, plus Helm's fromJsonArray, which some
 * templates written for Helm use.
 */
public final class SprigJson {
    private SprigJson() {
    }

    public static void register(FunctionRegistry.Builder r) {
        r.add("toJson", a -> orEmpty(a[0], true, null), ANY);
        r.add("toPrettyJson", a -> orEmpty(a[0], true, "  "), ANY);
        r.add("toRawJson", a -> orEmpty(a[0], false, null), ANY);
        r.add("mustToJson", a -> marshal(a[0], true, null), ANY);
        r.add("mustToPrettyJson", a -> marshal(a[0], true, "  "), ANY);
        r.add("mustToRawJson", a -> marshal(a[0], false, null), ANY);
        r.add("fromJson", a -> {
            try {
                return GoJson.unmarshal(GoValues.str(a[0]));
            } catch (GoJson.SyntaxException e) {
                return null;
            }
        }, STRING);
        r.add("mustFromJson", a -> {
            try {
                return GoJson.unmarshal(GoValues.str(a[0]));
            } catch (GoJson.SyntaxException e) {
                throw new FunctionException(e.getMessage());
            }
        }, STRING);
        r.add("fromJsonArray", a -> {
            try {
                Object v = GoJson.unmarshal(GoValues.str(a[0]));
                if (GoValues.isList(v)) {
                    return v;
                }
                return errorList("json: cannot unmarshal into a list");
            } catch (GoJson.SyntaxException e) {
                return errorList(e.getMessage());
            }
        }, STRING);
    }

    /** Helm reports a fromJsonArray failure as a one-element list holding the message. */
    private static List<Object> errorList(String message) {
        List<Object> l = new ArrayList<>();
        l.add(message);
        return l;
    }

    private static String orEmpty(Object v, boolean html, String indent) {
        try {
            return GoJson.marshal(v, html, indent);
        } catch (GoJson.UnsupportedValueException e) {
            return "";
        }
    }

    private static String marshal(Object v, boolean html, String indent) throws FunctionException {
        try {
            return GoJson.marshal(v, html, indent);
        } catch (GoJson.UnsupportedValueException e) {
            throw new FunctionException(e.getMessage());
        }
    }
}
