package dev.coffer.template.funcs.sprig;

import dev.coffer.template.funcs.FunctionException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masterminds/semver v3 constraints for {@code semverCompare}: alternatives joined by {@code ||},
 * each a list of comparisons ({@code = != > < >= <= ~ ~> ^}, wildcards {@code x X *}, hyphen
 * ranges {@code 1.2 - 1.4.5}). A version with a prerelease only satisfies a comparison whose own
 * version has a prerelease, as in semver v3.
 */
final class SemverConstraints {
    private static final Pattern ONE = Pattern.compile(
            "^\\s*(!=|>=|=>|<=|=<|~>|>|<|=|~|\\^)?\\s*v?([0-9xX*]+)(\\.[0-9xX*]+)?(\\.[0-9xX*]+)?"
                    + "(-[0-9A-Za-z\\-.]+)?(\\+[0-9A-Za-z\\-.]+)?\\s*$");
    private static final Pattern HYPHEN = Pattern.compile("\\s*(\\S+)\\s+-\\s+(\\S+)\\s*");

    private record Comparison(String op, SemverVersion con, boolean dirty, boolean minorDirty, boolean patchDirty) {
    }

    private final List<List<Comparison>> alternatives;

    private SemverConstraints(List<List<Comparison>> alternatives) {
        this.alternatives = alternatives;
    }

    static SemverConstraints parse(String text) throws FunctionException {
        List<List<Comparison>> alternatives = new ArrayList<>();
        for (String alt : text.split("\\|\\|")) {
            // glue operators to their versions, then comparisons are separated by commas or spaces
            String expanded = expandHyphens(alt).replaceAll("(!=|>=|=>|<=|=<|~>|>|<|=|~|\\^)\\s+", "$1");
            List<Comparison> all = new ArrayList<>();
            for (String part : expanded.trim().split("[,\\s]+")) {
                if (part.isBlank()) {
                    continue;
                }
                all.add(comparison(part));
            }
            if (all.isEmpty()) {
                throw new FunctionException("improper constraint");
            }
            alternatives.add(all);
        }
        return new SemverConstraints(alternatives);
    }

    private static String expandHyphens(String alt) {
        Matcher m = HYPHEN.matcher(alt);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            sb.append(alt, last, m.start()).append(" >= ").append(m.group(1)).append(", <= ").append(m.group(2))
                    .append(' ');
            last = m.end();
        }
        return sb.append(alt.substring(last)).toString();
    }

    private static boolean isX(String part) {
        return part.equals("x") || part.equals("X") || part.equals("*");
    }

    private static Comparison comparison(String text) throws FunctionException {
        Matcher m = ONE.matcher(text);
        if (!m.matches()) {
            throw new FunctionException("improper constraint");
        }
        String op = m.group(1) == null ? "" : m.group(1);
        String major = m.group(2);
        String minor = m.group(3) == null ? null : m.group(3).substring(1);
        String patch = m.group(4) == null ? null : m.group(4).substring(1);
        String pre = m.group(5) == null ? "" : m.group(5);
        String meta = m.group(6) == null ? "" : m.group(6);
        boolean dirty = false;
        boolean minorDirty = false;
        boolean patchDirty = false;
        String ver;
        if (isX(major)) {
            ver = "0.0.0" + pre + meta;
            dirty = true;
        } else if (minor == null || isX(minor)) {
            ver = major + ".0.0" + pre + meta;
            dirty = true;
            minorDirty = true;
        } else if (patch == null || isX(patch)) {
            ver = major + "." + minor + ".0" + pre + meta;
            dirty = true;
            patchDirty = true;
        } else {
            ver = major + "." + minor + "." + patch + pre + meta;
        }
        SemverVersion con = SemverVersion.parse(ver);
        if (con == null) {
            throw new FunctionException("improper constraint");
        }
        return new Comparison(op, con, dirty, minorDirty, patchDirty);
    }

    boolean check(SemverVersion v) {
        for (List<Comparison> and : alternatives) {
            boolean ok = true;
            for (Comparison c : and) {
                if (!matches(v, c)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(SemverVersion v, Comparison c) {
        if (!v.prerelease.isEmpty() && c.con().prerelease.isEmpty()) {
            return false;
        }
        int cmp = v.compareTo(c.con());
        return switch (c.op()) {
            case "", "=" -> c.dirty() ? tilde(v, c) : cmp == 0;
            case "!=" -> c.dirty() ? !tilde(v, c) : cmp != 0;
            case ">" -> greaterThan(v, c, cmp);
            case "<" -> cmp < 0;
            case ">=", "=>" -> cmp >= 0;
            case "<=", "=<" -> lessOrEqual(v, c, cmp);
            case "~", "~>" -> tilde(v, c);
            case "^" -> caret(v, c);
            default -> false;
        };
    }

    private static boolean greaterThan(SemverVersion v, Comparison c, int cmp) {
        if (!c.dirty()) {
            return cmp > 0;
        }
        if (v.major != c.con().major) {
            return v.major > c.con().major;
        }
        if (c.minorDirty()) {
            return false;
        }
        if (c.patchDirty()) {
            return v.minor > c.con().minor;
        }
        return cmp > 0;
    }

    private static boolean lessOrEqual(SemverVersion v, Comparison c, int cmp) {
        if (!c.dirty()) {
            return cmp <= 0;
        }
        if (v.major > c.con().major) {
            return false;
        }
        return !(v.major == c.con().major && v.minor > c.con().minor && !c.minorDirty());
    }

    /** ~1.2.3 is >=1.2.3 <1.3.0; ~1 is >=1.0.0 <2.0.0; ~* is any. */
    private static boolean tilde(SemverVersion v, Comparison c) {
        SemverVersion con = c.con();
        if (v.compareTo(con) < 0) {
            return false;
        }
        if (con.major == 0 && con.minor == 0 && con.patch == 0 && !c.minorDirty() && !c.patchDirty()) {
            return true;
        }
        if (v.major != con.major) {
            return false;
        }
        return v.minor == con.minor || c.minorDirty();
    }

    /** ^1.2.3 is >=1.2.3 <2.0.0; ^0.2.3 is >=0.2.3 <0.3.0; ^0.0.3 is exactly 0.0.3. */
    private static boolean caret(SemverVersion v, Comparison c) {
        SemverVersion con = c.con();
        if (v.compareTo(con) < 0) {
            return false;
        }
        if (con.major > 0 || c.minorDirty()) {
            return v.major == con.major;
        }
        if (con.minor > 0 || c.patchDirty()) {
            return v.major == con.major && v.minor == con.minor;
        }
        return v.major == con.major && v.minor == con.minor && v.patch == con.patch;
    }
}
