package dev.coffer.secretenv;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A dotenv file as {@code docker run --env-file} and docker compose read it. A plain value is
 * written bare ({@code KEY=value}), which both take literally. Other values are quoted for
 * compose: in single quotes (literal) when they hold no single quote and no newline, else in
 * double quotes with {@code \\}, {@code \"} and {@code \n} escaped and {@code $} doubled (compose's
 * literal dollar). {@code docker run --env-file} does not unquote, so a quoted value reaches a
 * {@code docker run} container with its quotes: such values are for compose.
 */
public final class DotEnvFile {

    /** Taken literally by docker run, compose and dotenv parsers alike. */
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_./:@,+=%^-]*");

    private DotEnvFile() {
    }

    public static String format(Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        env.forEach((name, value) -> out.append(name).append('=').append(quote(value)).append('\n'));
        return out.toString();
    }

    static String quote(String value) {
        if (BARE.matcher(value).matches()) {
            return value;
        }
        if (value.indexOf('\'') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return "'" + value + "'";
        }
        StringBuilder q = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> q.append("\\\\");
                case '"' -> q.append("\\\"");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '$' -> q.append("$$");
                default -> q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
