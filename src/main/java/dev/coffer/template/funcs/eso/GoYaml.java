package dev.coffer.template.funcs.eso;

import dev.coffer.template.funcs.sprig.GoJson;
import dev.coffer.template.gofmt.FloatFormat;
import dev.coffer.template.value.GoValues;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * YAML as sigs.k8s.io/yaml writes it (JSON, then go-yaml v2): keys sorted, two-space indentation,
 * sequences under a key not indented, strings quoted only when they would read as something else
 * (double quotes for look-alikes of numbers, booleans and null; single quotes when an indicator
 * forbids a plain scalar), multi-line strings as literal blocks, plain scalars folded past column 80.
 */
final class GoYaml {
    private static final int BEST_WIDTH = 80;
    /** YAML 1.1 scalars go-yaml v2 would not read back as a string. */
    private static final Pattern NON_STRING = Pattern.compile(
            "(?i:y|yes|n|no|true|false|on|off|null|~)"
                    + "|[-+]?(0|[1-9][0-9_]*)|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?0b[01_]+"
                    + "|[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
                    + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?");

    private GoYaml() {
    }

    /** The YAML text, or null when the value cannot be marshalled (sprig-style callers print ""). */
    static String marshal(Object value) {
        Object normalized;
        try {
            // sigs.k8s.io/yaml goes through encoding/json, so values take their JSON forms
            normalized = GoJson.unmarshalPreservingIntegers(GoJson.marshal(value, false, null));
        } catch (Exception e) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        writeValue(sb, normalized, 0, true);
        if (sb.length() == 0 || sb.charAt(sb.length() - 1) != '\n') {
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void writeValue(StringBuilder sb, Object v, int indent, boolean atLineStart) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            boolean first = true;
            for (Map.Entry<String, Object> e : new TreeMap<>(GoValues.map(v)).entrySet()) {
                if (!first || !atLineStart) {
                    sb.append('\n').append(" ".repeat(indent));
                }
                first = false;
                sb.append(scalar(e.getKey(), indent, true)).append(':');
                writeMember(sb, e.getValue(), indent, true);
            }
        } else if (GoValues.isList(v) && !GoValues.list(v).isEmpty()) {
            boolean first = true;
            for (Object item : GoValues.list(v)) {
                if (!first || !atLineStart) {
                    sb.append('\n').append(" ".repeat(indent));
                }
                first = false;
                sb.append('-');
                writeMember(sb, item, indent, false);
            }
        } else {
            sb.append(scalarValue(v, indent));
        }
    }

    /** The value after "key:" or "-". */
    private static void writeMember(StringBuilder sb, Object v, int indent, boolean inMap) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            if (inMap) {
                writeValue(sb, v, indent + 2, false);
            } else {
                sb.append(' ');
                writeValue(sb, v, indent + 2, true);
            }
        } else if (GoValues.isList(v) && !GoValues.list(v).isEmpty()) {
            if (inMap) {
                writeValue(sb, v, indent, false); // go-yaml v2 does not indent a sequence under a key
            } else {
                sb.append(' ');
                writeValue(sb, v, indent + 2, true);
            }
        } else {
            sb.append(' ').append(scalarValue(v, indent + 2));
        }
    }

    private static String scalarValue(Object v, int indent) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Boolean || GoValues.isInt(v)) {
            return v.toString();
        }
        if (GoValues.isFloat(v)) {
            double d = GoValues.toDouble(v);
            if (Double.isInfinite(d)) {
                return d > 0 ? ".inf" : "-.inf";
            }
            return Double.isNaN(d) ? ".nan" : FloatFormat.format(d, 'g', -1);
        }
        if (v instanceof Map) {
            return "{}";
        }
        if (GoValues.isList(v)) {
            return "[]";
        }
        return scalar(GoValues.str(v), indent, false);
    }

    private static String scalar(String s, int indent, boolean isKey) {
        if (s.contains("\n") && !isKey) {
            return literal(s, indent);
        }
        if (s.isEmpty() || NON_STRING.matcher(s).matches() || hasSpecialCharacters(s)) {
            return doubleQuoted(s);
        }
        if (!plainAllowed(s)) {
            return singleQuoted(s);
        }
        return isKey ? s : folded(s, indent);
    }

    private static boolean hasSpecialCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || c == '\uFEFF') {
                return true;
            }
        }
        return false;
    }

    /** go-yaml's analyze_scalar for block context: indicators and surrounding spaces forbid plain style. */
    private static boolean plainAllowed(String s) {
        if (s.startsWith(" ") || s.endsWith(" ") || s.startsWith("\t") || s.endsWith("\t")
                || s.startsWith("---") || s.startsWith("...")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean followedBySpace = i + 1 >= s.length() || s.charAt(i + 1) == ' ' || s.charAt(i + 1) == '\t';
            if (i == 0) {
                if ("#,[]{}&*!|>'\"%@`".indexOf(c) >= 0) {
                    return false;
                }
                if ((c == '?' || c == ':' || c == '-') && followedBySpace) {
                    return false;
                }
            } else {
                if (c == ':' && followedBySpace) {
                    return false;
                }
                if (c == '#' && (s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t')) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A plain scalar, broken at a space once the line passes column 80 (go-yaml's best_width). */
    private static String folded(String s, int indent) {
        StringBuilder sb = new StringBuilder();
        int column = indent + 1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' && column > BEST_WIDTH && i + 1 < s.length() && s.charAt(i + 1) != ' '
                    && i > 0 && s.charAt(i - 1) != ' ') {
                sb.append('\n').append(" ".repeat(indent));
                column = indent;
                continue;
            }
            sb.append(c);
            column++;
        }
        return sb.toString();
    }

    private static String singleQuoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String doubleQuoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case 0 -> sb.append("\\0");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02X", (int) c));
                    } else if (c == '\uFEFF') {
                        sb.append("\\uFEFF");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Literal block: "|-" without a trailing newline, "|" with one, "|+" with several. */
    private static String literal(String s, int indent) {
        String chomp = s.endsWith("\n\n") ? "+" : s.endsWith("\n") ? "" : "-";
        String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        String pad = " ".repeat(Math.max(indent, 2));
        boolean leadingSpace = s.startsWith(" ");
        StringBuilder sb = new StringBuilder("|");
        if (leadingSpace) {
            sb.append(pad.length());
        }
        sb.append(chomp);
        for (String line : body.split("\n", -1)) {
            sb.append('\n');
            if (!line.isEmpty()) {
                sb.append(pad).append(line);
            }
        }
        return sb.toString();
    }
}
