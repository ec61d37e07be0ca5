package dev.coffer.gocompat;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Go's time.Duration: String() ({@code 1h2m3.5s}) and ParseDuration, in nanoseconds, as sprig's
 * date functions need them; and the strict form manifests use ({@code refreshInterval: 1h0m0s}),
 * which refuses negative durations since no Coffer or ESO field means anything by them. The one
 * Go-duration parser of the code base.
 */
public final class GoDuration {
    private GoDuration() {
    }

    /** Go's Duration.String() of a number of nanoseconds. */
    public static String format(long d) {
        if (d == 0) {
            return "0s";
        }
        boolean neg = d < 0;
        // Long.MIN_VALUE has no positive counterpart; Go prints it via uint64, we go through BigDecimal-free math
        long u = neg ? -d : d;
        StringBuilder sb = new StringBuilder();
        if (u < 1_000_000_000L && u > 0) {
            String unit;
            long div;
            if (u < 1_000) {
                return (neg ? "-" : "") + u + "ns";
            } else if (u < 1_000_000) {
                unit = "µs";
                div = 1_000;
            } else {
                unit = "ms";
                div = 1_000_000;
            }
            sb.append(fraction(u, div)).append(unit);
            return (neg ? "-" : "") + sb;
        }
        long hours = u / 3_600_000_000_000L;
        long rem = u % 3_600_000_000_000L;
        long minutes = rem / 60_000_000_000L;
        long secNanos = rem % 60_000_000_000L;
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            sb.append(minutes).append('m');
        }
        sb.append(fraction(secNanos, 1_000_000_000L)).append('s');
        return (neg ? "-" : "") + sb;
    }

    private static String fraction(long v, long div) {
        long whole = v / div;
        long frac = v % div;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String digits = String.format("%0" + Long.toString(div).length() + "d", frac).substring(1);
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + digits.substring(0, end);
    }

    /** time.ParseDuration, in nanoseconds; null if invalid. */
    public static Long parseNanos(String s) {
        if (s.isEmpty()) {
            return null;
        }
        int i = 0;
        boolean neg = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            neg = s.charAt(0) == '-';
            i++;
        }
        if (s.substring(i).equals("0")) {
            return 0L;
        }
        if (i >= s.length()) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String num = s.substring(start, i);
            if (num.isEmpty() || num.equals(".") || num.indexOf('.') != num.lastIndexOf('.')) {
                return null;
            }
            int ustart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unit = switch (s.substring(ustart, i)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> -1L;
            };
            if (unit < 0) {
                return null;
            }
            total = total.add(new BigDecimal(num.startsWith(".") ? "0" + num : num).multiply(BigDecimal.valueOf(unit)));
        }
        if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return null;
        }
        long v = total.longValue();
        return neg ? -v : v;
    }

    /** Go's Duration.String(). */
    public static String format(Duration d) {
        return format(d.toNanos());
    }

    /**
     * A duration from a manifest (surrounding blanks ignored), or IllegalArgumentException with a
     * message that quotes the (non-secret) input: empty, negative, or not Go syntax.
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        String s = text.trim();
        if (s.startsWith("-")) {
            throw new IllegalArgumentException("negative duration \"" + text + "\"");
        }
        Long nanos = parseNanos(s);
        if (nanos == null) {
            throw new IllegalArgumentException("invalid duration \"" + text
                    + "\": use Go duration syntax such as 1h, 30m or 1h30m10s");
        }
        return Duration.ofNanos(nanos);
    }
}
