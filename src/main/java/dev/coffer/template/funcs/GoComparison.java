package dev.coffer.template.funcs;

import dev.coffer.template.value.GoValues;
import java.util.Arrays;

/**
 * Go template comparisons (eq, ne, lt, le, gt, ge) over Go's basic kinds.
 *
 * <p>As in Go's text/template (funcs.go, {@code eq} and {@code lt}): values compare only within one
 * basic kind (bool, integer, float, string). An integer against a float is <em>not</em> converted: it
 * is the error "incompatible types for comparison" ({@code eq 1 1.0}, or a JSON number, which is a
 * float64, against an integer literal). Go only bridges signed and unsigned integers, which do not
 * occur here. {@code eq} with nil is false unless both are nil; lt and friends reject nil.
 */
final class GoComparison {
    private enum Kind { BOOL, INT, FLOAT, STRING, OTHER }

    private GoComparison() {
    }

    private static Kind kind(Object v) {
        if (v instanceof Boolean) {
            return Kind.BOOL;
        }
        if (GoValues.isInt(v)) {
            return Kind.INT;
        }
        if (GoValues.isFloat(v)) {
            return Kind.FLOAT;
        }
        if (GoValues.isString(v)) {
            return Kind.STRING;
        }
        return Kind.OTHER;
    }

    static boolean eq(Object a, Object[] others) throws FunctionException {
        if (others.length == 0) {
            throw new FunctionException("missing argument for comparison");
        }
        Kind k1 = kind(a);
        for (Object b : others) {
            Kind k2 = kind(b);
            boolean truth;
            if (k1 != k2) {
                if (a != null && b != null) {
                    throw new FunctionException("incompatible types for comparison");
                }
                truth = false;
            } else {
                truth = switch (k1) {
                    case BOOL -> a.equals(b);
                    case INT -> GoValues.toLong(a) == GoValues.toLong(b);
                    case FLOAT -> GoValues.toDouble(a) == GoValues.toDouble(b);
                    case STRING -> GoValues.stringsEqual(a, b);
                    case OTHER -> otherEqual(a, b);
                };
            }
            if (truth) {
                return true;
            }
        }
        return false;
    }

    private static boolean otherEqual(Object a, Object b) throws FunctionException {
        if (a == null || b == null) {
            return a == b;
        }
        if (GoValues.isList(a) || GoValues.isList(b) || GoValues.isMap(a) || GoValues.isMap(b)) {
            throw new FunctionException("non-comparable type " + GoValues.typeName(a));
        }
        if (!GoValues.typeName(a).equals(GoValues.typeName(b))) {
            throw new FunctionException("incompatible types for comparison");
        }
        return a.equals(b);
    }

    static boolean lt(Object a, Object b) throws FunctionException {
        Kind k1 = basicKind(a);
        Kind k2 = basicKind(b);
        if (k1 != k2) {
            throw new FunctionException("incompatible types for comparison");
        }
        return switch (k1) {
            case BOOL, OTHER -> throw new FunctionException("invalid type for comparison");
            case INT -> GoValues.toLong(a) < GoValues.toLong(b);
            case FLOAT -> GoValues.toDouble(a) < GoValues.toDouble(b);
            case STRING -> compareBytes(GoValues.bytes(a), GoValues.bytes(b)) < 0;
        };
    }

    static boolean le(Object a, Object b) throws FunctionException {
        return lt(a, b) || eq(a, new Object[]{b});
    }

    private static Kind basicKind(Object v) throws FunctionException {
        Kind k = kind(v);
        if (k == Kind.OTHER) {
            throw new FunctionException("invalid type for comparison");
        }
        return k;
    }

    /** Go compares strings byte-wise, which for UTF-8 is code point order. */
    private static int compareBytes(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
