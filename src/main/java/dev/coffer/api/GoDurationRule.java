package dev.coffer.api;

/**
 * The CEL rule for a field that upstream decodes with Go's {@code time.ParseDuration}: a value Go
 * refuses would fail upstream at run time, so the API server may refuse it at apply time, with a
 * message that says what is expected. The pattern is Go's grammar: an optional sign, then
 * {@code 0} or one or more decimal numbers each with a unit.
 */
public final class GoDurationRule {

    public static final String RULE = "self.matches('^[-+]?(0|(([0-9]+([.][0-9]*)?|[.][0-9]+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$')";

    public static final String MESSAGE = "must be a Go duration such as 1h, 30m or 1h30m15s (0 for once)";

    private GoDurationRule() {
    }
}
