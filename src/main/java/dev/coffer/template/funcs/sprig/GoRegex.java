package dev.coffer.template.funcs.sprig;

import dev.coffer.template.funcs.FunctionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go (RE2) regular expressions on java.util.regex: translates the syntax that differs
 * ({@code (?P<name>)}, {@code $} meaning end of text, POSIX classes, only \n ends a line) and
 * reproduces Go's FindAll (no empty match right after a match), Split and Expand.
 * Compiled patterns are cached since templates run the same expressions over and over.
 */
final class GoRegex {
    private static final int CACHE_SIZE = 256;
    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private GoRegex() {
    }

    static Pattern compile(String expr) throws FunctionException {
        synchronized (CACHE) {
            Pattern p = CACHE.get(expr);
            if (p != null) {
                return p;
            }
        }
        Pattern p;
        try {
            p = Pattern.compile(translate(expr), Pattern.UNIX_LINES);
        } catch (PatternSyntaxException e) {
            throw new FunctionException("error parsing regexp: " + e.getDescription());
        }
        synchronized (CACHE) {
            CACHE.put(expr, p);
        }
        return p;
    }

    private static final String[][] POSIX = {
        {"[:alnum:]", "\\p{Alnum}"}, {"[:alpha:]", "\\p{Alpha}"}, {"[:ascii:]", "\\p{ASCII}"},
        {"[:blank:]", "\\p{Blank}"}, {"[:cntrl:]", "\\p{Cntrl}"}, {"[:digit:]", "\\p{Digit}"},
        {"[:graph:]", "\\p{Graph}"}, {"[:lower:]", "\\p{Lower}"}, {"[:print:]", "\\p{Print}"},
        {"[:punct:]", "\\p{Punct}"}, {"[:space:]", "\\s"}, {"[:upper:]", "\\p{Upper}"},
        {"[:word:]", "\\w"}, {"[:xdigit:]", "\\p{XDigit}"},
    };

    static String translate(String expr) {
        boolean multiline = expr.matches("(?s)^\\(\\?[a-zA-Z]*m[a-zA-Z]*\\).*");
        StringBuilder sb = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '\\' && i + 1 < expr.length()) {
                sb.append(c).append(expr.charAt(++i));
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
            if (c == '(' && expr.startsWith("(?P<", i)) {
                sb.append("(?<");
                i += 3;
                continue;
            }
            if (c == '$' && !multiline) {
                sb.append("\\z"); // RE2's $ without (?m) is the end of the text only
                continue;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Go's FindAllStringSubmatchIndex over the whole string, n < 0 meaning all. */
    static List<int[]> findAll(Pattern p, String s, int n) {
        List<int[]> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        Matcher m = p.matcher(s);
        int pos = 0;
        int prevEnd = -1;
        while (pos <= s.length() && (n < 0 || out.size() < n)) {
            if (!m.find(pos)) {
                break;
            }
            int start = m.start();
            int end = m.end();
            boolean accept = true;
            if (start == end && start == prevEnd) {
                accept = false; // Go ignores an empty match right after the previous match
            }
            if (accept) {
                int[] groups = new int[(m.groupCount() + 1) * 2];
                for (int g = 0; g <= m.groupCount(); g++) {
                    groups[2 * g] = m.start(g);
                    groups[2 * g + 1] = m.end(g);
                }
                out.add(groups);
                prevEnd = end;
            }
            pos = end > start ? end : end + 1;
        }
        return out;
    }

    static List<String> findAllStrings(Pattern p, String s, int n) {
        List<String> out = new ArrayList<>();
        for (int[] m : findAll(p, s, n)) {
            out.add(s.substring(m[0], m[1]));
        }
        return out;
    }

    static String replaceAll(Pattern p, String s, String repl, boolean literal) {
        StringBuilder sb = new StringBuilder();
        int last = 0;
        Map<String, Integer> names = groupNames(p.pattern());
        for (int[] m : findAll(p, s, -1)) {
            sb.append(s, last, m[0]);
            sb.append(literal ? repl : expand(repl, s, m, names));
            last = m[1];
        }
        sb.append(s.substring(last));
        return sb.toString();
    }

    /** Go's Regexp.Expand: $1, ${1}, $name, ${name}; $$ is a dollar; unknown groups are empty. */
    private static String expand(String template, String src, int[] match, Map<String, Integer> names) {
        StringBuilder sb = new StringBuilder();
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
                int close = template.indexOf('}', i + 2);
                if (close < 0 || !isName(template.substring(i + 2, close))) {
                    sb.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 2, close);
                after = close + 1;
            } else {
                int j = i + 1;
                while (j < template.length() && (Character.isLetterOrDigit(template.charAt(j))
                        || template.charAt(j) == '_')) {
                    j++;
                }
                if (j == i + 1) {
                    sb.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 1, j);
                after = j;
            }
            int group = -1;
            if (name.chars().allMatch(Character::isDigit)) {
                try {
                    group = Integer.parseInt(name);
                } catch (NumberFormatException e) {
                    group = -1;
                }
            } else if (names.containsKey(name)) {
                group = names.get(name);
            }
            if (group >= 0 && 2 * group + 1 < match.length && match[2 * group] >= 0) {
                sb.append(src, match[2 * group], match[2 * group + 1]);
            }
            i = after;
        }
        return sb.toString();
    }

    /** Group numbers of named groups; Java 17 does not expose them. */
    static Map<String, Integer> groupNames(String pattern) {
        Map<String, Integer> names = new LinkedHashMap<>();
        int group = 0;
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                if (!pattern.startsWith("(?", i)) {
                    group++;
                } else if (pattern.startsWith("(?<", i) && !pattern.startsWith("(?<=", i)
                        && !pattern.startsWith("(?<!", i)) {
                    group++;
                    int close = pattern.indexOf('>', i);
                    names.put(pattern.substring(i + 3, close), group);
                }
            }
        }
        return names;
    }

    private static boolean isName(String s) {
        return !s.isEmpty() && s.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_');
    }

    /** Go's Regexp.Split. */
    static List<String> split(Pattern p, String s, int n) {
        List<String> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        if (!p.pattern().isEmpty() && s.isEmpty()) {
            out.add("");
            return out;
        }
        int beg = 0;
        int end = 0;
        for (int[] m : findAll(p, s, n)) {
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
    static String quoteMeta(String s) {
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
