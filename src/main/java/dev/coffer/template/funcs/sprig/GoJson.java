package dev.coffer.template.funcs.sprig;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.coffer.template.gofmt.FloatFormat;
import dev.coffer.template.gofmt.GoTimeLayout;
import dev.coffer.template.value.GoValues;
import dev.coffer.template.value.TemplateObject;
import java.io.IOException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go's encoding/json for template values: Marshal (keys sorted, HTML characters escaped unless
 * asked not to, floats in Go's format) and Unmarshal into {@code interface{}} (objects become
 * maps, arrays lists, and every number a float64 — so {@code fromJson} yields floats, as in Go).
 */
public final class GoJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoJson() {
    }

    /** A value Go's json.Marshal refuses (NaN, infinities). */
    public static final class UnsupportedValueException extends Exception {
        UnsupportedValueException(String message) {
            super(message, null, false, false);
        }
    }

    /** A JSON text that does not parse; the message has the offset, never the text. */
    public static final class SyntaxException extends Exception {
        SyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    public static String marshal(Object v, boolean escapeHtml, String indent) throws UnsupportedValueException {
        StringBuilder sb = new StringBuilder();
        write(sb, v, escapeHtml, indent, 0);
        return sb.toString();
    }

    private static void newline(StringBuilder sb, String indent, int depth) {
        if (indent != null) {
            sb.append('\n');
            sb.append(indent.repeat(depth));
        }
    }

    private static void write(StringBuilder sb, Object v, boolean html, String indent, int depth)
            throws UnsupportedValueException {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b);
        } else if (GoValues.isString(v)) {
            string(sb, GoValues.str(v), html);
        } else if (GoValues.isInt(v)) {
            sb.append(GoValues.toLong(v));
        } else if (GoValues.isFloat(v)) {
            sb.append(formatFloat(GoValues.toDouble(v)));
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : new TreeMap<>(GoValues.map(v)).entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                newline(sb, indent, depth + 1);
                string(sb, e.getKey(), html);
                sb.append(indent != null ? ": " : ":");
                write(sb, e.getValue(), html, indent, depth + 1);
            }
            newline(sb, indent, depth);
            sb.append('}');
        } else if (GoValues.isList(v)) {
            List<Object> l = GoValues.list(v);
            if (l.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                newline(sb, indent, depth + 1);
                write(sb, l.get(i), html, indent, depth + 1);
            }
            newline(sb, indent, depth);
            sb.append(']');
        } else if (v instanceof TemporalAccessor t) {
            string(sb, GoTimeLayout.format(t, "2006-01-02T15:04:05.999999999Z07:00"), html);
        } else if (v instanceof TemplateObject o) {
            Object json = o.field("__json__");
            write(sb, json == TemplateObject.NO_FIELD ? o.toString() : json, html, indent, depth);
        } else {
            string(sb, v.toString(), html);
        }
    }

    /** encoding/json's float format: like %g but positional from 1e-6 to 1e21, and e-7 not e-07. */
    static String formatFloat(double f) throws UnsupportedValueException {
        if (Double.isNaN(f) || Double.isInfinite(f)) {
            throw new UnsupportedValueException("json: unsupported value");
        }
        double abs = Math.abs(f);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            String s = FloatFormat.format(f, 'e', -1);
            int n = s.length();
            if (n >= 4 && s.charAt(n - 4) == 'e' && s.charAt(n - 3) == '-' && s.charAt(n - 2) == '0') {
                s = s.substring(0, n - 2) + s.charAt(n - 1);
            }
            return s;
        }
        return FloatFormat.format(f, 'f', -1);
    }

    private static void string(StringBuilder sb, String s, boolean html) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\u2028', '\u2029' -> unicodeEscape(sb, c);
                default -> {
                    if (c < 0x20 || (html && (c == '<' || c == '>' || c == '&'))) {
                        unicodeEscape(sb, c);
                    } else if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                        sb.append("\\ufffd");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void unicodeEscape(StringBuilder sb, char c) {
        sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
    }

    /** json.Unmarshal into interface{}; numbers become Double. */
    public static Object unmarshal(String text) throws SyntaxException {
        return unmarshal(text, false);
    }

    /** Like go-yaml reading JSON text: integral numbers stay integers, others become float64. */
    public static Object unmarshalPreservingIntegers(String text) throws SyntaxException {
        return unmarshal(text, true);
    }

    private static Object unmarshal(String text, boolean keepIntegers) throws SyntaxException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new SyntaxException("unexpected end of JSON input");
            }
            Object v = read(p, t, keepIntegers);
            if (p.nextToken() != null) {
                throw new SyntaxException("invalid character after top-level value");
            }
            return v;
        } catch (IOException e) {
            throw new SyntaxException("invalid JSON");
        }
    }

    private static Object read(JsonParser p, JsonToken t, boolean keepIntegers) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    m.put(key, read(p, p.nextToken(), keepIntegers));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(read(p, next, keepIntegers));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                if (keepIntegers && p.getNumberType() == JsonParser.NumberType.INT
                        || keepIntegers && p.getNumberType() == JsonParser.NumberType.LONG) {
                    return p.getLongValue();
                }
                return Double.parseDouble(p.getText());
            }
            case VALUE_NUMBER_FLOAT -> {
                return Double.parseDouble(p.getText());
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected token");
        }
    }
}
