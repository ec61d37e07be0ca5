package dev.coffer.provider;

import dev.coffer.gocompat.GoRegexp;

import java.util.regex.Pattern;

/**
 * {@code dataFrom.find.name.regexp}, compiled once for every provider by Go's RE2 rules (through
 * {@link GoRegexp}, the one translation), so that a pattern means what it means upstream:
 * {@code (?P<name>...)} works, and look-arounds or back references that RE2 refuses are refused.
 */
public final class FindRegexp {

    private FindRegexp() {
    }

    /** The compiled filter, matched anywhere in a name (Go's {@code MatchString}); empty matches all. */
    public static Pattern compile(String regexp) {
        try {
            return GoRegexp.compile(regexp == null ? "" : regexp).pattern();
        } catch (GoRegexp.InvalidRegexpException e) {
            throw ProviderException.invalidConfig("dataFrom.find.name.regexp is not a valid regular expression: " + e.getMessage());
        }
    }
}
