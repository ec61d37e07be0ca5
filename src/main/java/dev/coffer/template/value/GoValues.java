package dev.coffer.template.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How Java values stand for Go values inside templates.
 *
 * <ul>
 *   <li>Go {@code string}: {@link String}, or {@code byte[]} for text that may not be UTF-8 (binary secret
 *       data, {@code b64dec} output); both are strings to every function.</li>
 *   <li>Go {@code int} (64-bit): {@link Long}; Integer, Short, Byte and small BigIntegers count as ints too.</li>
 *   <li>Go {@code float64}: {@link Double}; Float and BigDecimal count as floats.</li>
 *   <li>{@code bool}: Boolean; {@code nil}: null; maps: {@code Map} with String keys
 *       ({@code map[string]interface {}}); slices: {@code List} or {@code Object[]}; {@code time.Time}:
 *       java.time values; structs: {@link TemplateObject}.</li>
 * </ul>
 */
public final class GoValues {
    private GoValues() {
    }

    public static boolean isString(Object v) {
        return v instanceof String || v instanceof byte[];
    }

    /** The text of a Go string value (invalid UTF-8 bytes become U+FFFD, as when Go prints them as runes). */
    public static String str(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("not a string");
    }

    /** The bytes of a Go string value. */
    public static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        return str(v).getBytes(StandardCharsets.UTF_8);
    }

    /** Makes a Go string from bytes: a String when they are valid UTF-8, else the bytes themselves. */
    public static Object stringFromBytes(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return b;
        }
    }

    /** Length of a Go string in bytes, as Go's len counts it. */
    public static int byteLength(Object v) {
        if (v instanceof byte[] b) {
            return b.length;
        }
        String s = (String) v;
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    public static boolean stringsEqual(Object a, Object b) {
        if (a instanceof String sa && b instanceof String sb) {
            return sa.equals(sb);
        }
        return Arrays.equals(bytes(a), bytes(b));
    }

    public static boolean isInt(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || (v instanceof BigInteger b && b.bitLength() <= 63);
    }

    public static boolean isFloat(Object v) {
        return v instanceof Double || v instanceof Float || v instanceof BigDecimal;
    }

    public static boolean isNumber(Object v) {
        return isInt(v) || isFloat(v);
    }

    public static long toLong(Object v) {
        return ((Number) v).longValue();
    }

    public static double toDouble(Object v) {
        return ((Number) v).doubleValue();
    }

    public static boolean isMap(Object v) {
        return v instanceof Map;
    }

    public static boolean isList(Object v) {
        return v instanceof List || v instanceof Object[];
    }

    /** A slice value as a list, or null if the value is not a slice. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Object v) {
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        if (v instanceof Object[] a) {
            return Arrays.asList(a);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object v) {
        return (Map<String, Object>) v;
    }

    public static boolean isTime(Object v) {
        return v instanceof TemporalAccessor;
    }

    /** Go's {@code %T}. */
    public static String typeName(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (isString(v)) {
            return "string";
        }
        if (v instanceof Long || v instanceof Integer || v instanceof BigInteger) {
            return "int";
        }
        if (v instanceof Short) {
            return "int16";
        }
        if (v instanceof Byte) {
            return "uint8";
        }
        if (v instanceof Double || v instanceof BigDecimal) {
            return "float64";
        }
        if (v instanceof Float) {
            return "float32";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Map) {
            return "map[string]interface {}";
        }
        if (isList(v)) {
            return "[]interface {}";
        }
        if (isTime(v)) {
            return "time.Time";
        }
        if (v instanceof TemplateObject o) {
            return o.goTypeName();
        }
        return v.getClass().getSimpleName();
    }

    /** Go's reflect Kind name, as sprig's kindOf prints it. */
    public static String kindName(Object v) {
        if (v == null) {
            return "invalid";
        }
        if (isString(v)) {
            return "string";
        }
        if (isInt(v)) {
            return v instanceof Byte ? "uint8" : v instanceof Short ? "int16" : "int";
        }
        if (v instanceof Float) {
            return "float32";
        }
        if (isFloat(v)) {
            return "float64";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Map) {
            return "map";
        }
        if (isList(v)) {
            return "slice";
        }
        if (v instanceof TemplateObject o) {
            return o.goKindName();
        }
        return "struct";
    }

    /** Go's truth for if/with/and/or/not: zero values and empty containers are false. */
    public static boolean isTrue(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof byte[] b) {
            return b.length > 0;
        }
        if (isInt(v)) {
            return toLong(v) != 0;
        }
        if (isFloat(v)) {
            return toDouble(v) != 0;
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (isList(v)) {
            return !list(v).isEmpty();
        }
        return true;
    }
}
