package dev.coffer.sealing.kubeseal;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Quotes every string that a YAML reader could take for another type. Jackson's minimal quoting
 * leaves {@code 1}, {@code 1.5}, {@code 0x1F} or {@code 2024-01-01} bare, and Kubernetes' YAML
 * reader (YAML 1.1 rules, as Go's yaml.v2) then reads a number or a date where a string must be,
 * so {@code kubectl apply} refuses the manifest. Over-quoting costs nothing, so the rule is broad:
 * anything that starts like a number, a YAML 1.1 boolean or null word, or a special float.
 */
final class YamlQuoting extends StringQuotingChecker {

    private static final long serialVersionUID = 1L;

    /** YAML 1.1 and 1.2 booleans and nulls (compared case-insensitively). */
    private static final Set<String> WORDS = Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null", "~");
    /** A number, date or time in any notation starts with a digit, or with a sign or dot and a digit. */
    private static final Pattern NUMBER_LIKE = Pattern.compile("^[-+.]?[0-9].*", Pattern.DOTALL);
    private static final Pattern SPECIAL_FLOAT = Pattern.compile("^[-+]?\\.(inf|nan)$", Pattern.CASE_INSENSITIVE);

    static final YamlQuoting INSTANCE = new YamlQuoting();

    @Override
    public boolean needToQuoteName(String name) {
        return readsAsOtherType(name) || StringQuotingChecker.Default.instance().needToQuoteName(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
        return readsAsOtherType(value) || StringQuotingChecker.Default.instance().needToQuoteValue(value);
    }

    static boolean readsAsOtherType(String s) {
        return s.isEmpty() || WORDS.contains(s.toLowerCase(Locale.ROOT)) || NUMBER_LIKE.matcher(s).matches()
                || SPECIAL_FLOAT.matcher(s).matches();
    }
}
