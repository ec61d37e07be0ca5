package dev.coffer.gocompat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go's {@code regexp} package (RE2 syntax) on java.util.regex, for every place that must agree
 * with upstream: template functions ({@code regexReplaceAll} and friends) and
 * {@code dataFrom[].rewrite[].regexp}. It translates the syntax that differs ({@code (?P<name>)}
 * and {@code (?<name>)} groups, which may repeat a name in Go; {@code $} meaning the end of the
 * text; POSIX classes; only \n ends a line), refuses what RE2 refuses and Java would accept
 * (look-around, back references, atomic groups), and reproduces Go's FindAll (no empty match
 * right after a match), ReplaceAllString with Expand, and Split. Compiled patterns are cached
 * since the same expressions run over and over.
 */
public final class GoRegexp {

    /** The expression is not valid RE2; the message is Go's wording, and quotes only the pattern. */
    public static final class InvalidRegexpException extends IllegalArgumentException {
        public InvalidRegexpException(String message) {
            super(message);
        }
    }

    private static final int CACHE_SIZE = 256;
    private static final Map<String, GoRegexp> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, GoRegexp> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private final Pattern pattern;
    /** Go's SubexpNames: index i is the name of group i ("" when unnamed); index 0 is the whole match. */
    private final List<String> groupNames;

    private GoRegexp(Pattern pattern, List<String> groupNames) {
        this.pattern = pattern;
        this.groupNames = groupNames;
    }

    /** Go's {@code regexp.Compile}. */
    public static GoRegexp compile(String expr) {
        synchronized (CACHE) {
            GoRegexp r = CACHE.get(expr);
            if (r != null) {
                return r;
            }
        }
        List<String> names = new ArrayList<>();
        names.add("");
        GoRegexp r;
        try {
            r = new GoRegexp(Pattern.compile(translate(expr, names), Pattern.UNIX_LINES), Collections.unmodifiableList(names));
        } catch (PatternSyntaxException e) {
            throw new InvalidRegexpException("error parsing regexp: " + e.getDescription());
        }
        synchronized (CACHE) {
            CACHE.put(expr, r);
        }
        return r;
    }

    /** The translated java.util.regex pattern (same group numbers as Go's). */
    public Pattern pattern() {
        return pattern;
    }

    /** Go's {@code MatchString}: does the expression match anywhere in s. */
    public boolean matches(String s) {
        return pattern.matcher(s).find();
    }

    private static final String[][] POSIX = {
        {"[:alnum:]", "\\p{Alnum}"}, {"[:alpha:]", "\\p{Alpha}"}, {"[:ascii:]", "\\p{ASCII}"},
        {"[:blank:]", "\\p{Blank}"}, {"[:cntrl:]", "\\p{Cntrl}"}, {"[:digit:]", "\\p{Digit}"},
        {"[:graph:]", "\\p{Graph}"}, {"[:lower:]", "\\p{Lower}"}, {"[:print:]", "\\p{Print}"},
        {"[:punct:]", "\\p{Punct}"}, {"[:space:]", "\\s"}, {"[:upper:]", "\\p{Upper}"},
        {"[:word:]", "\\w"}, {"[:xdigit:]", "\\p{XDigit}"},
    };

    /** Perl syntax RE2 does not support; Java would silently accept it. */
    private static final String[] UNSUPPORTED_GROUPS = {"(?=", "(?!", "(?<=", "(?<!", "(?>"};

    /**
     * RE2 to java.util.regex. Named groups become plain capturing groups (their numbers do not
     * change) and their names are recorded in {@code names}, since Go allows a name twice.
     */
    private static String translate(String expr, List<String> names) {
        boolean multiline = expr.matches("(?s)^\\(\\?[a-zA-Z]*m[a-zA-Z]*\\).*");
        StringBuilder sb = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '\\' && i + 1 < expr.length()) {
                char next = expr.charAt(i + 1);
                if (!inClass && next >= '1' && next <= '9') {
                    throw new InvalidRegexpException("error parsing regexp: invalid escape sequence: `\\" + next + "`");
                }
                sb.append(c).append(next);
                i++;
                continue;
            }
            if (inClass) {
                if (c == '[' && expr.startsWith("[:", i)) {
                    boolean replaced = false;
                    for (String[] posix : POSIX) {
                        if (expr.startsWith(posix[0], i)) {
                            sb.append(posix[1]);
                            i += posix[0].length() - 1;
                            replaced = true;
                            break;
                        }
                    }
                    if (replaced) {
                        continue;
                    }
                    sb.append("\\[");
                    continue;
                }
                if (c == ']') {
                    inClass = false;
                }
                sb.append(c);
                continue;
            }
            if (c == '[') {
                inClass = true;
                sb.append(c);
                if (i + 1 < expr.length() && expr.charAt(i + 1) == '^') {
                    sb.append('^');
                    i++;
                }
                if (i + 1 < expr.length() && expr.charAt(i + 1) == ']') {
                    sb.append("\\]"); // a leading ] is literal in RE2
                    i++;
                }
                continue;
            }
            if (c == '(') {
                for (String unsupported : UNSUPPORTED_GROUPS) {
                    if (expr.startsWith(unsupported, i)) {
                        throw new InvalidRegexpException("error parsing regexp: invalid or unsupported Perl syntax: `"
                                + unsupported + "`");
                    }
                }
                int nameStart = expr.startsWith("(?P<", i) ? i + 4 : expr.startsWith("(?<", i) ? i + 3 : -1;
                if (nameStart > 0) {
                    int close = expr.indexOf('>', nameStart);
                    String name = close < 0 ? "" : expr.substring(nameStart, close);
                    if (!isGroupName(name)) {
                        throw new InvalidRegexpException("error parsing regexp: invalid named capture: `"
                                + expr.substring(i, close < 0 ? expr.length() : close + 1) + "`");
                    }
                    names.add(name);
                    sb.append('(');
                    i = close;
                    continue;
                }
                if (!expr.startsWith("(?", i)) {
                    names.add("");
                }
                sb.append(c);
                continue;
            }
            if ((c == '*' || c == '+' || c == '?' || c == '}') && i + 1 < expr.length() && expr.charAt(i + 1) == '+') {
                throw new InvalidRegexpException("error parsing regexp: invalid nested repetition operator: `"
                        + c + "+`");
            }
            if (c == '$' && !multiline) {
                sb.append("\\z"); // RE2's $ without (?m) is the end of the text only
                continue;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static boolean isGroupName(String name) {
        return !name.isEmpty() && name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_');
    }

    /** Go's FindAllStringSubmatchIndex over the whole string, n < 0 meaning all. */
    public List<int[]> findAll(String s, int n) {
        List<int[]> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        Matcher m = pattern.matcher(s);
        int pos = 0;
        int prevEnd = -1;
        while (pos <= s.length() && (n < 0 || out.size() < n)) {
            if (!m.find(pos)) {
                break;
            }
            int start = m.start();
            int end = m.end();
            // Go ignores an empty match right after the previous match.
            if (!(start == end && start == prevEnd)) {
                int[] groups = new int[(m.groupCount() + 1) * 2];
                for (int g = 0; g <= m.groupCount(); g++) {
                    groups[2 * g] = m.start(g);
                    groups[2 * g + 1] = m.end(g);
                }
                out.add(groups);
                prevEnd = end;
            }
            if (end > start) {
                pos = end;
            } else {
                // step over one whole code point, as Go steps over one rune
                pos = end < s.length() ? s.offsetByCodePoints(end, 1) : end + 1;
            }
        }
        return out;
    }

    /** Go's FindAllString. */
    public List<String> findAllStrings(String s, int n) {
        List<String> out = new ArrayList<>();
        for (int[] m : findAll(s, n)) {
            out.add(s.substring(m[0], m[1]));
        }
        return out;
    }

    /** Go's ReplaceAllString (template expanded with {@link #expand}) or ReplaceAllLiteralString. */
    public String replaceAll(String s, String repl, boolean literal) {
        StringBuilder sb = new StringBuilder();
        int last = 0;
        for (int[] m : findAll(s, -1)) {
            sb.append(s, last, m[0]);
            if (literal) {
                sb.append(repl);
            } else {
                expand(sb, repl, s, m);
            }
            last = m[1];
        }
        sb.append(s.substring(last));
        return sb.toString();
    }

    /**
     * Go's Regexp.Expand: {@code $name} takes the longest run of letters, digits and _ (so
     * {@code $1x} names a group "1x"), {@code ${name}} is braced, {@code $$} is a dollar; a name
     * of digits without a leading zero is a group number; an unknown or unmatched group is empty;
     * a malformed reference is kept as it is.
     */
    private void expand(StringBuilder sb, String template, String src, int[] match) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                sb.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                sb.append('$');
                i += 2;
                continue;
            }
            String name;
            int after;
            if (next == '{') {
                int j = nameEnd(template, i + 2);
                if (j == i + 2 || j >= template.length() || template.charAt(j) != '}') {
                    sb.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 2, j);
                after = j + 1;
            } else {
                int j = nameEnd(template, i + 1);
                if (j == i + 1) {
                    sb.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 1, j);
                after = j;
            }
            appendGroup(sb, name, src, match);
            i = after;
        }
    }

    private static int nameEnd(String template, int from) {
        int j = from;
        while (j < template.length()) {
            int cp = template.codePointAt(j);
            if (!Character.isLetterOrDigit(cp) && cp != '_') {
                break;
            }
            j += Character.charCount(cp);
        }
        return j;
    }

    private void appendGroup(StringBuilder sb, String name, String src, int[] match) {
        int number = groupNumber(name);
        if (number >= 0) {
            if (2 * number + 1 < match.length && match[2 * number] >= 0) {
                sb.append(src, match[2 * number], match[2 * number + 1]);
            }
            return;
        }
        for (int g = 1; g < groupNames.size(); g++) {
            if (name.equals(groupNames.get(g)) && 2 * g + 1 < match.length && match[2 * g] >= 0) {
                sb.append(src, match[2 * g], match[2 * g + 1]);
                return;
            }
        }
    }

    /** Go's rule: all ASCII digits, below 1e8, and no leading zero (except "0" itself); else -1. */
    private static int groupNumber(String name) {
        int num = 0;
        for (int k = 0; k < name.length(); k++) {
            char ch = name.charAt(k);
            if (ch < '0' || ch > '9' || num >= 100_000_000) {
                return -1;
            }
            num = num * 10 + (ch - '0');
        }
        return name.charAt(0) == '0' && name.length() > 1 ? -1 : num;
    }

    /** Go's Regexp.Split. */
    public List<String> split(String s, int n) {
        List<String> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        if (!pattern.pattern().isEmpty() && s.isEmpty()) {
            out.add("");
            return out;
        }
        int beg = 0;
        int end = 0;
        for (int[] m : findAll(s, n)) {
            if (n > 0 && out.size() == n - 1) {
                break;
            }
            end = m[0];
            if (m[1] != 0) {
                out.add(s.substring(beg, end));
            }
            beg = m[1];
        }
        if (end != s.length()) {
            out.add(s.substring(beg));
        }
        return out;
    }

    /** regexp.QuoteMeta. */
    public static String quoteMeta(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
