package dev.coffer.template.gofmt;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Go's reference-time layouts ({@code "2006-01-02T15:04:05Z07:00"}): formatting and parsing of
 * {@code time.Time} values, which templates hold as {@link ZonedDateTime}.
 *
 * <p>Go's {@code time.Local} is the process zone; an operator's container has none configured, so
 * Go uses UTC there. This engine always uses UTC as the local zone, for the same results everywhere.
 */
public final class GoTimeLayout {
    public static final ZoneId LOCAL = ZoneOffset.UTC;
    /** Go's {@code time.Time.String()} layout. */
    public static final String STRING_LAYOUT = "2006-01-02 15:04:05.999999999 -0700 MST";
    /** Go's zero time, what failed parses return. */
    public static final ZonedDateTime ZERO = ZonedDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final String[] LONG_MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] LONG_DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday"};

    private GoTimeLayout() {
    }

    private enum Std {
        LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY, UNDER_YDAY,
        ZERO_YDAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND, LONG_YEAR, YEAR, PM, PM_LOWER,
        TZ, ISO_TZ, ISO_SHORT_TZ, ISO_COLON_TZ, ISO_SECONDS_TZ, ISO_COLON_SECONDS_TZ, NUM_TZ, NUM_SHORT_TZ,
        NUM_COLON_TZ, NUM_SECONDS_TZ, NUM_COLON_SECONDS_TZ, FRAC_FIXED, FRAC_TRIM
    }

    /** A layout element: literal text, or a standard chunk (with fraction digit count). */
    private record Chunk(String literal, Std std, int digits, char separator) {
    }

    private static List<Chunk> chunks(String layout) {
        List<Chunk> out = new ArrayList<>();
        int lit = 0;
        int i = 0;
        while (i < layout.length()) {
            Chunk c = stdAt(layout, i);
            if (c == null) {
                i++;
                continue;
            }
            if (i > lit) {
                out.add(new Chunk(layout.substring(lit, i), null, 0, '.'));
            }
            out.add(c);
            i += c.literal().length();
            lit = i;
        }
        if (lit < layout.length()) {
            out.add(new Chunk(layout.substring(lit), null, 0, '.'));
        }
        return out;
    }

    private static Chunk std(String text, Std std) {
        return new Chunk(text, std, 0, '.');
    }

    private static Chunk stdAt(String l, int i) {
        char c = l.charAt(i);
        switch (c) {
            case 'J':
                if (l.startsWith("January", i)) {
                    return std("January", Std.LONG_MONTH);
                }
                if (l.startsWith("Jan", i)) {
                    return std("Jan", Std.MONTH);
                }
                return null;
            case 'M':
                if (l.startsWith("Monday", i)) {
                    return std("Monday", Std.LONG_WEEKDAY);
                }
                if (l.startsWith("Mon", i)) {
                    return std("Mon", Std.WEEKDAY);
                }
                if (l.startsWith("MST", i)) {
                    return std("MST", Std.TZ);
                }
                return null;
            case '0':
                if (l.startsWith("002", i)) {
                    return std("002", Std.ZERO_YDAY);
                }
                if (i + 1 < l.length() && l.charAt(i + 1) >= '1' && l.charAt(i + 1) <= '6') {
                    Std[] s = {Std.ZERO_MONTH, Std.ZERO_DAY, Std.ZERO_HOUR12, Std.ZERO_MINUTE, Std.ZERO_SECOND, Std.YEAR};
                    return std(l.substring(i, i + 2), s[l.charAt(i + 1) - '1']);
                }
                return null;
            case '1':
                if (l.startsWith("15", i)) {
                    return std("15", Std.HOUR);
                }
                return std("1", Std.NUM_MONTH);
            case '2':
                if (l.startsWith("2006", i)) {
                    return std("2006", Std.LONG_YEAR);
                }
                return std("2", Std.DAY);
            case '_':
                if (l.startsWith("_2", i)) {
                    if (l.startsWith("_2006", i)) {
                        return null; // "_" then the year
                    }
                    return std("_2", Std.UNDER_DAY);
                }
                if (l.startsWith("__2", i)) {
                    return std("__2", Std.UNDER_YDAY);
                }
                return null;
            case '3':
                return std("3", Std.HOUR12);
            case '4':
                return std("4", Std.MINUTE);
            case '5':
                return std("5", Std.SECOND);
            case 'P':
                return l.startsWith("PM", i) ? std("PM", Std.PM) : null;
            case 'p':
                return l.startsWith("pm", i) ? std("pm", Std.PM_LOWER) : null;
            case '-':
                for (String[] z : new String[][]{{"-070000", "NUM_SECONDS_TZ"}, {"-07:00:00", "NUM_COLON_SECONDS_TZ"},
                    {"-0700", "NUM_TZ"}, {"-07:00", "NUM_COLON_TZ"}, {"-07", "NUM_SHORT_TZ"}}) {
                    if (l.startsWith(z[0], i)) {
                        return std(z[0], Std.valueOf(z[1]));
                    }
                }
                return null;
            case 'Z':
                for (String[] z : new String[][]{{"Z070000", "ISO_SECONDS_TZ"}, {"Z07:00:00", "ISO_COLON_SECONDS_TZ"},
                    {"Z0700", "ISO_TZ"}, {"Z07:00", "ISO_COLON_TZ"}, {"Z07", "ISO_SHORT_TZ"}}) {
                    if (l.startsWith(z[0], i)) {
                        return std(z[0], Std.valueOf(z[1]));
                    }
                }
                return null;
            case '.', ',':
                if (i + 1 < l.length() && (l.charAt(i + 1) == '0' || l.charAt(i + 1) == '9')) {
                    char d = l.charAt(i + 1);
                    int j = i + 1;
                    while (j < l.length() && l.charAt(j) == d) {
                        j++;
                    }
                    if (j >= l.length() || !Character.isDigit(l.charAt(j))) {
                        return new Chunk(l.substring(i, j), d == '0' ? Std.FRAC_FIXED : Std.FRAC_TRIM, j - i - 1, c);
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /** Go's {@code t.Format(layout)}. */
    public static String format(TemporalAccessor value, String layout) {
        ZonedDateTime t = toZoned(value);
        StringBuilder sb = new StringBuilder();
        for (Chunk c : chunks(layout)) {
            if (c.std() == null) {
                sb.append(c.literal());
                continue;
            }
            int offset = t.getOffset().getTotalSeconds();
            switch (c.std()) {
                case LONG_MONTH -> sb.append(LONG_MONTHS[t.getMonthValue() - 1]);
                case MONTH -> sb.append(LONG_MONTHS[t.getMonthValue() - 1], 0, 3);
                case NUM_MONTH -> sb.append(t.getMonthValue());
                case ZERO_MONTH -> pad(sb, t.getMonthValue(), 2, '0');
                case LONG_WEEKDAY -> sb.append(LONG_DAYS[t.getDayOfWeek().getValue() - 1]);
                case WEEKDAY -> sb.append(LONG_DAYS[t.getDayOfWeek().getValue() - 1], 0, 3);
                case DAY -> sb.append(t.getDayOfMonth());
                case UNDER_DAY -> pad(sb, t.getDayOfMonth(), 2, ' ');
                case ZERO_DAY -> pad(sb, t.getDayOfMonth(), 2, '0');
                case UNDER_YDAY -> pad(sb, t.getDayOfYear(), 3, ' ');
                case ZERO_YDAY -> pad(sb, t.getDayOfYear(), 3, '0');
                case HOUR -> pad(sb, t.getHour(), 2, '0');
                case HOUR12 -> sb.append(hour12(t.getHour()));
                case ZERO_HOUR12 -> pad(sb, hour12(t.getHour()), 2, '0');
                case MINUTE -> sb.append(t.getMinute());
                case ZERO_MINUTE -> pad(sb, t.getMinute(), 2, '0');
                case SECOND -> sb.append(t.getSecond());
                case ZERO_SECOND -> pad(sb, t.getSecond(), 2, '0');
                case LONG_YEAR -> pad(sb, t.getYear(), 4, '0');
                case YEAR -> pad(sb, Math.floorMod(t.getYear(), 100), 2, '0');
                case PM -> sb.append(t.getHour() >= 12 ? "PM" : "AM");
                case PM_LOWER -> sb.append(t.getHour() >= 12 ? "pm" : "am");
                case TZ -> sb.append(zoneAbbreviation(t));
                case ISO_TZ, ISO_SHORT_TZ, ISO_COLON_TZ, ISO_SECONDS_TZ, ISO_COLON_SECONDS_TZ -> {
                    if (offset == 0) {
                        sb.append('Z');
                    } else {
                        offset(sb, offset, c.std());
                    }
                }
                case NUM_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_SECONDS_TZ, NUM_COLON_SECONDS_TZ -> offset(sb, offset, c.std());
                case FRAC_FIXED, FRAC_TRIM -> fraction(sb, t.getNano(), c);
                default -> throw new IllegalStateException();
            }
        }
        return sb.toString();
    }

    /** Go's {@code time.Time.String()}. */
    public static String goString(TemporalAccessor t) {
        return format(t, STRING_LAYOUT);
    }

    public static ZonedDateTime toZoned(TemporalAccessor value) {
        if (value instanceof ZonedDateTime z) {
            return z;
        }
        return ZonedDateTime.from(value);
    }

    private static int hour12(int h) {
        int r = h % 12;
        return r == 0 ? 12 : r;
    }

    private static void pad(StringBuilder sb, int v, int width, char padChar) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append(padChar);
        }
        sb.append(s);
    }

    private static void offset(StringBuilder sb, int offsetSeconds, Std std) {
        sb.append(offsetSeconds < 0 ? '-' : '+');
        int abs = Math.abs(offsetSeconds);
        pad(sb, abs / 3600, 2, '0');
        boolean colon = std == Std.ISO_COLON_TZ || std == Std.NUM_COLON_TZ || std == Std.ISO_COLON_SECONDS_TZ
                || std == Std.NUM_COLON_SECONDS_TZ;
        if (std != Std.ISO_SHORT_TZ && std != Std.NUM_SHORT_TZ) {
            if (colon) {
                sb.append(':');
            }
            pad(sb, abs / 60 % 60, 2, '0');
        }
        if (std == Std.ISO_SECONDS_TZ || std == Std.NUM_SECONDS_TZ || std == Std.ISO_COLON_SECONDS_TZ
                || std == Std.NUM_COLON_SECONDS_TZ) {
            if (colon) {
                sb.append(':');
            }
            pad(sb, abs % 60, 2, '0');
        }
    }

    private static void fraction(StringBuilder sb, int nanos, Chunk c) {
        String digits = String.format("%09d", nanos).substring(0, c.digits());
        if (c.std() == Std.FRAC_TRIM) {
            int end = digits.length();
            while (end > 0 && digits.charAt(end - 1) == '0') {
                end--;
            }
            if (end == 0) {
                return;
            }
            digits = digits.substring(0, end);
        }
        sb.append(c.separator()).append(digits);
    }

    private static String zoneAbbreviation(ZonedDateTime t) {
        ZoneId zone = t.getZone();
        if (zone.equals(ZoneOffset.UTC) || zone.getId().equals("UTC") || zone.getId().equals("Z")) {
            return "UTC";
        }
        if (zone instanceof ZoneOffset off) {
            // Go names an unnamed fixed zone by its offset
            StringBuilder sb = new StringBuilder();
            offset(sb, off.getTotalSeconds(), Std.NUM_TZ);
            return sb.toString();
        }
        String name = zone.getDisplayName(TextStyle.SHORT, Locale.ROOT);
        String dst = java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.ROOT).format(t);
        return dst.startsWith("GMT") && dst.length() > 3 ? name : dst;
    }

    /** Go's {@code time.ParseInLocation(layout, value, loc)}; throws DateTimeException if it does not match. */
    public static ZonedDateTime parse(String layout, String value, ZoneId loc) {
        int year = 1;
        int month = 1;
        int day = 1;
        int yday = -1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        boolean pm = false;
        boolean pmSet = false;
        Integer zoneOffset = null;
        ZoneId namedZone = null;
        int p = 0;
        List<Chunk> chunks = chunks(layout);
        for (int ci = 0; ci < chunks.size(); ci++) {
            Chunk c = chunks.get(ci);
            boolean fractionFollows = ci + 1 < chunks.size() && (chunks.get(ci + 1).std() == Std.FRAC_FIXED
                    || chunks.get(ci + 1).std() == Std.FRAC_TRIM);
            if (c.std() == null) {
                if (!value.startsWith(c.literal(), p)) {
                    throw new DateTimeException("cannot parse");
                }
                p += c.literal().length();
                continue;
            }
            switch (c.std()) {
                case LONG_MONTH, MONTH -> {
                    int found = -1;
                    for (int m = 0; m < 12 && found < 0; m++) {
                        String name = c.std() == Std.LONG_MONTH ? LONG_MONTHS[m] : LONG_MONTHS[m].substring(0, 3);
                        if (value.regionMatches(true, p, name, 0, name.length())) {
                            found = m;
                            p += name.length();
                        }
                    }
                    if (found < 0) {
                        throw new DateTimeException("bad month");
                    }
                    month = found + 1;
                }
                case LONG_WEEKDAY, WEEKDAY -> {
                    boolean ok = false;
                    for (String d : LONG_DAYS) {
                        String name = c.std() == Std.LONG_WEEKDAY ? d : d.substring(0, 3);
                        if (value.regionMatches(true, p, name, 0, name.length())) {
                            p += name.length();
                            ok = true;
                            break;
                        }
                    }
                    if (!ok) {
                        throw new DateTimeException("bad weekday");
                    }
                }
                case NUM_MONTH, ZERO_MONTH -> {
                    int[] r = number(value, p, c.std() == Std.ZERO_MONTH ? 2 : 1, 2);
                    month = r[0];
                    p = r[1];
                }
                case DAY, ZERO_DAY, UNDER_DAY -> {
                    if (c.std() == Std.UNDER_DAY && p < value.length() && value.charAt(p) == ' ') {
                        p++;
                    }
                    int[] r = number(value, p, c.std() == Std.ZERO_DAY ? 2 : 1, 2);
                    day = r[0];
                    p = r[1];
                }
                case ZERO_YDAY, UNDER_YDAY -> {
                    while (c.std() == Std.UNDER_YDAY && p < value.length() && value.charAt(p) == ' ') {
                        p++;
                    }
                    int[] r = number(value, p, c.std() == Std.ZERO_YDAY ? 3 : 1, 3);
                    yday = r[0];
                    p = r[1];
                }
                case HOUR -> {
                    int[] r = number(value, p, 2, 2);
                    hour = r[0];
                    p = r[1];
                }
                case HOUR12, ZERO_HOUR12 -> {
                    int[] r = number(value, p, c.std() == Std.ZERO_HOUR12 ? 2 : 1, 2);
                    hour = r[0];
                    p = r[1];
                }
                case MINUTE, ZERO_MINUTE -> {
                    int[] r = number(value, p, c.std() == Std.ZERO_MINUTE ? 2 : 1, 2);
                    minute = r[0];
                    p = r[1];
                }
                case SECOND, ZERO_SECOND -> {
                    int[] r = number(value, p, c.std() == Std.ZERO_SECOND ? 2 : 1, 2);
                    second = r[0];
                    p = r[1];
                    // Go accepts a fractional second after a seconds field even if the layout has none
                    if (p + 1 < value.length() && (value.charAt(p) == '.' || value.charAt(p) == ',')
                            && Character.isDigit(value.charAt(p + 1)) && !fractionFollows) {
                        int q = p + 1;
                        while (q < value.length() && Character.isDigit(value.charAt(q))) {
                            q++;
                        }
                        nanos = nanosOf(value.substring(p + 1, q));
                        p = q;
                    }
                }
                case LONG_YEAR -> {
                    int[] r = number(value, p, 4, 4);
                    year = r[0];
                    p = r[1];
                }
                case YEAR -> {
                    int[] r = number(value, p, 2, 2);
                    year = r[0] >= 69 ? 1900 + r[0] : 2000 + r[0];
                    p = r[1];
                }
                case PM, PM_LOWER -> {
                    String s = value.length() >= p + 2 ? value.substring(p, p + 2) : "";
                    if (s.equalsIgnoreCase("PM")) {
                        pm = true;
                    } else if (!s.equalsIgnoreCase("AM")) {
                        throw new DateTimeException("bad am/pm");
                    }
                    pmSet = true;
                    p += 2;
                }
                case TZ -> {
                    int q = p;
                    while (q < value.length() && Character.isUpperCase(value.charAt(q))) {
                        q++;
                    }
                    String abbr = value.substring(p, q);
                    if (abbr.length() < 3) {
                        throw new DateTimeException("bad zone");
                    }
                    if (abbr.equals("UTC") || abbr.equals("GMT")) {
                        namedZone = ZoneOffset.UTC;
                    }
                    p = q;
                }
                case ISO_TZ, ISO_SHORT_TZ, ISO_COLON_TZ, ISO_SECONDS_TZ, ISO_COLON_SECONDS_TZ, NUM_TZ, NUM_SHORT_TZ,
                     NUM_COLON_TZ, NUM_SECONDS_TZ, NUM_COLON_SECONDS_TZ -> {
                    if (c.std().name().startsWith("ISO") && p < value.length() && value.charAt(p) == 'Z') {
                        zoneOffset = 0;
                        p++;
                        break;
                    }
                    int[] r = parseOffset(value, p, c.std());
                    zoneOffset = r[0];
                    p = r[1];
                }
                case FRAC_FIXED, FRAC_TRIM -> {
                    if (p < value.length() && (value.charAt(p) == '.' || value.charAt(p) == ',')) {
                        int q = p + 1;
                        while (q < value.length() && Character.isDigit(value.charAt(q))) {
                            q++;
                        }
                        if (c.std() == Std.FRAC_FIXED && q - p - 1 != c.digits()) {
                            throw new DateTimeException("bad fraction");
                        }
                        nanos = nanosOf(value.substring(p + 1, q));
                        p = q;
                    } else if (c.std() == Std.FRAC_FIXED) {
                        throw new DateTimeException("bad fraction");
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        if (p != value.length()) {
            throw new DateTimeException("extra text");
        }
        if (pmSet) {
            if (hour > 12) {
                throw new DateTimeException("bad hour");
            }
            if (pm && hour < 12) {
                hour += 12;
            } else if (!pm && hour == 12) {
                hour = 0;
            }
        }
        LocalDate date = yday > 0 ? LocalDate.ofYearDay(year, yday) : LocalDate.of(year, month, day);
        ZoneId zone = zoneOffset != null ? ZoneOffset.ofTotalSeconds(zoneOffset) : namedZone != null ? namedZone : loc;
        if (zoneOffset != null && zoneOffset == 0) {
            zone = ZoneOffset.UTC;
        }
        return ZonedDateTime.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), hour, minute, second, nanos,
                zone);
    }

    private static int nanosOf(String digits) {
        String d = (digits + "000000000").substring(0, 9);
        return Integer.parseInt(d);
    }

    private static int[] number(String value, int p, int minDigits, int maxDigits) {
        int q = p;
        while (q < value.length() && q - p < maxDigits && Character.isDigit(value.charAt(q))) {
            q++;
        }
        if (q - p < minDigits || q == p) {
            throw new DateTimeException("bad number");
        }
        return new int[]{Integer.parseInt(value.substring(p, q)), q};
    }

    private static int[] parseOffset(String value, int p, Std std) {
        if (p >= value.length() || (value.charAt(p) != '+' && value.charAt(p) != '-')) {
            throw new DateTimeException("bad offset");
        }
        int sign = value.charAt(p) == '-' ? -1 : 1;
        int q = p + 1;
        int[] h = number(value, q, 2, 2);
        q = h[1];
        int total = h[0] * 3600;
        boolean colon = std.name().contains("COLON");
        if (std != Std.ISO_SHORT_TZ && std != Std.NUM_SHORT_TZ) {
            if (colon) {
                q = expect(value, q, ':');
            }
            int[] m = number(value, q, 2, 2);
            q = m[1];
            total += m[0] * 60;
        }
        if (std.name().contains("SECONDS")) {
            if (colon) {
                q = expect(value, q, ':');
            }
            int[] s = number(value, q, 2, 2);
            q = s[1];
            total += s[0];
        }
        return new int[]{sign * total, q};
    }

    private static int expect(String value, int p, char c) {
        if (p >= value.length() || value.charAt(p) != c) {
            throw new DateTimeException("bad offset");
        }
        return p + 1;
    }
}
