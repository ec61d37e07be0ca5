package dev.coffer.template.funcs.sprig;

import dev.coffer.template.value.TemplateObject;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Masterminds/semver v3 version as {@code semver} returns it: templates read {@code .Major},
 * {@code .Minor}, {@code .Patch}, {@code .Prerelease}, {@code .Metadata}, {@code .Original}; it prints
 * in normalized form. Parsing is semver's loose mode ("v" prefix and missing parts allowed).
 */
final class SemverVersion implements TemplateObject, Comparable<SemverVersion> {
    private static final Pattern LOOSE = Pattern.compile(
            "^v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?"
                    + "(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?$");

    final long major;
    final long minor;
    final long patch;
    final String prerelease;
    final String metadata;
    final String original;

    SemverVersion(long major, long minor, long patch, String prerelease, String metadata, String original) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.prerelease = prerelease;
        this.metadata = metadata;
        this.original = original;
    }

    /** Null when the text is not a version. */
    static SemverVersion parse(String v) {
        Matcher m = LOOSE.matcher(v);
        if (!m.matches()) {
            return null;
        }
        try {
            long major = Long.parseLong(m.group(1));
            long minor = m.group(2) == null ? 0 : Long.parseLong(m.group(2).substring(1));
            long patch = m.group(3) == null ? 0 : Long.parseLong(m.group(3).substring(1));
            String pre = m.group(5) == null ? "" : m.group(5);
            for (String part : pre.split("\\.")) {
                if (part.length() > 1 && part.chars().allMatch(Character::isDigit) && part.startsWith("0")) {
                    return null; // numeric prerelease identifiers may not have leading zeros
                }
            }
            return new SemverVersion(major, minor, patch, pre, m.group(8) == null ? "" : m.group(8), v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public Object field(String name) {
        return switch (name) {
            case "Major" -> major;
            case "Minor" -> minor;
            case "Patch" -> patch;
            case "Prerelease" -> prerelease;
            case "Metadata" -> metadata;
            case "Original" -> original;
            case "String" -> toString();
            default -> NO_FIELD;
        };
    }

    @Override
    public String goTypeName() {
        return "*semver.Version";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (!prerelease.isEmpty()) {
            sb.append('-').append(prerelease);
        }
        if (!metadata.isEmpty()) {
            sb.append('+').append(metadata);
        }
        return sb.toString();
    }

    /** semver precedence: numbers, then a release above its prereleases, identifiers compared in turn. */
    @Override
    public int compareTo(SemverVersion o) {
        int c = Long.compare(major, o.major);
        if (c == 0) {
            c = Long.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, o.patch);
        }
        if (c != 0) {
            return c;
        }
        if (prerelease.equals(o.prerelease)) {
            return 0;
        }
        if (prerelease.isEmpty()) {
            return 1;
        }
        if (o.prerelease.isEmpty()) {
            return -1;
        }
        String[] a = prerelease.split("\\.");
        String[] b = o.prerelease.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            if (i >= a.length) {
                return -1;
            }
            if (i >= b.length) {
                return 1;
            }
            int pc = comparePart(a[i], b[i]);
            if (pc != 0) {
                return pc;
            }
        }
        return 0;
    }

    private static int comparePart(String a, String b) {
        boolean an = a.chars().allMatch(Character::isDigit);
        boolean bn = b.chars().allMatch(Character::isDigit);
        if (an && bn) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        if (an) {
            return -1;
        }
        if (bn) {
            return 1;
        }
        return a.compareTo(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SemverVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(major * 31 + minor * 7 + patch);
    }
}
