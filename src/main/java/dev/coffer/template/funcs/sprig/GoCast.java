package dev.coffer.template.funcs.sprig;

import dev.coffer.template.gofmt.GoFormatter;
import dev.coffer.template.value.GoValues;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversions sprig leans on: {@code strval} (its toString), spf13/cast's ToInt64 / ToFloat64
 * (errors become 0, as sprig ignores them) and {@code strslice}.
 */
public final class GoCast {
    private GoCast() {
    }

    /** sprig's strval: strings as they are, everything else as fmt's %v. */
    public static String strval(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof byte[]) {
            return GoValues.str(v);
        }
        return GoFormatter.toString(v);
    }

    /** cast.ToInt64 with sprig's "ignore the error" (0). */
    public static long toInt64(Object v) {
        if (v == null) {
            return 0;
        }
        if (GoValues.isInt(v)) {
            return GoValues.toLong(v);
        }
        if (GoValues.isFloat(v)) {
            return (long) GoValues.toDouble(v);
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (GoValues.isString(v)) {
            Long parsed = parseIntBase0(trimZeroDecimal(GoValues.str(v)));
            return parsed == null ? 0 : parsed;
        }
        return 0;
    }

    /** cast.ToFloat64 with sprig's "ignore the error" (0). */
    public static double toFloat64(Object v) {
        if (v == null) {
            return 0;
        }
        if (GoValues.isNumber(v)) {
            return GoValues.toDouble(v);
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (GoValues.isString(v)) {
            Double d = parseFloat(GoValues.str(v));
            return d == null ? 0 : d;
        }
        return 0;
    }

    /** strconv.ParseFloat(s, 64), or null. */
    public static Double parseFloat(String s) {
        String t = s.replace("_", "");
        if (t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("+inf") || t.equalsIgnoreCase("infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        if (t.equalsIgnoreCase("-inf") || t.equalsIgnoreCase("-infinity")) {
            return Double.NEGATIVE_INFINITY;
        }
        if (t.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")
                && !t.matches("[+-]?0[xX][0-9a-fA-F]*\\.?[0-9a-fA-F]*[pP][+-]?\\d+")) {
            return null;
        }
        return Double.parseDouble(t);
    }

    /** strconv.ParseInt(s, 0, 64): sign, then 0x / 0o / 0b / leading-0 octal prefixes. Null when invalid. */
    public static Long parseIntBase0(String s) {
        if (s.isEmpty()) {
            return null;
        }
        String body = s;
        boolean neg = false;
        if (body.charAt(0) == '+' || body.charAt(0) == '-') {
            neg = body.charAt(0) == '-';
            body = body.substring(1);
        }
        int radix = 10;
        String lower = body.toLowerCase();
        if (lower.startsWith("0x")) {
            radix = 16;
            body = body.substring(2);
        } else if (lower.startsWith("0o")) {
            radix = 8;
            body = body.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            body = body.substring(2);
        } else if (body.length() > 1 && body.charAt(0) == '0') {
            radix = 8;
            body = body.substring(1);
        }
        body = body.replace("_", "");
        if (body.isEmpty()) {
            return null;
        }
        try {
            BigInteger v = new BigInteger(body, radix);
            if (neg) {
                v = v.negate();
            }
            return v.bitLength() <= 63 ? v.longValue() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** strconv.Atoi: decimal only, optional sign; null if invalid. */
    public static Long atoi(String s) {
        if (!s.matches("[+-]?\\d+")) {
            return null;
        }
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** cast drops a zero decimal part ("12.00" -> "12") before parsing an integer. */
    static String trimZeroDecimal(String s) {
        boolean foundZero = false;
        for (int i = s.length(); i > 0; i--) {
            char c = s.charAt(i - 1);
            if (c == '.') {
                return foundZero ? s.substring(0, i - 1) : s;
            } else if (c == '0') {
                foundZero = true;
            } else {
                return s;
            }
        }
        return s;
    }

    /** sprig's strslice: a list's non-nil elements as strings; a scalar as a one-element list. */
    public static List<Object> strslice(Object v) {
        List<Object> out = new ArrayList<>();
        if (GoValues.isList(v)) {
            for (Object o : GoValues.list(v)) {
                if (o != null) {
                    out.add(strval(o));
                }
            }
        } else if (v != null) {
            out.add(strval(v));
        }
        return out;
    }

    /** sprig's empty(): nil, zero numbers, false, and empty strings, lists and maps. */
    public static boolean empty(Object v) {
        return !GoValues.isTrue(v);
    }
}
