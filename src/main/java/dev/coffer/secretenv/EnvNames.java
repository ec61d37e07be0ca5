package dev.coffer.secretenv;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Secret keys as environment variable names. A name must be a POSIX shell name
 * ({@code [A-Za-z_][A-Za-z0-9_]*}) after the prefix is put in front; without conversion any other
 * key is refused, naming it. With conversion every other character becomes {@code _}, letters
 * are upper-cased and a leading digit gets a {@code _} ({@code db-password} → {@code DB_PASSWORD});
 * two keys that convert to one name are refused. Key names are not secret, values never appear.
 */
public final class EnvNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvNames() {
    }

    /**
     * @param values  key → value, in order
     * @param prefix  put in front of every name ("" for none)
     * @param convert whether to convert keys that are not valid names
     * @return name → value
     */
    public static <V> Map<String, V> map(Map<String, V> values, String prefix, boolean convert) {
        String p = prefix == null ? "" : prefix;
        if (!p.isEmpty() && !NAME.matcher(p).matches()) {
            throw new IllegalArgumentException("--env-prefix \"" + p + "\" is not a valid variable name start (letters, digits, _)");
        }
        Map<String, V> out = new LinkedHashMap<>();
        Map<String, String> from = new LinkedHashMap<>();
        for (Map.Entry<String, V> e : values.entrySet()) {
            String name = p + (convert ? convert(e.getKey()) : e.getKey());
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("key \"" + e.getKey() + "\" is not a valid environment variable name;"
                        + " use --convert-keys to map it (to " + p + convert(e.getKey()) + ") or --env-prefix");
            }
            String earlier = from.putIfAbsent(name, e.getKey());
            if (earlier != null) {
                throw new IllegalArgumentException("keys \"" + earlier + "\" and \"" + e.getKey() + "\" both become " + name);
            }
            out.put(name, e.getValue());
        }
        return out;
    }

    static String convert(String key) {
        StringBuilder b = new StringBuilder();
        for (char c : key.toCharArray()) {
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            b.append(ok ? c : '_');
        }
        String upper = b.toString().toUpperCase(Locale.ROOT);
        return !upper.isEmpty() && Character.isDigit(upper.charAt(0)) ? "_" + upper : upper;
    }
}
