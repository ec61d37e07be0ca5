package dev.coffer.template.gofmt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's {@code strconv.FormatFloat} for the verbs fmt uses ({@code e f g} and shortest {@code g} for
 * {@code %v}). Digits come from the exact binary value rounded half-to-even, as Go does; Java's own
 * formatter rounds half-up on a shortened value and would differ (e.g. {@code %.2f} of 0.125).
 */
public final class FloatFormat {
    private FloatFormat() {
    }

    /** Decimal digits (no leading/trailing zeros) with the decimal point after {@code dp} digits. */
    private record Digits(String d, int dp) {
        int nd() {
            return d.length();
        }

        char at(int i) {
            return i >= 0 && i < d.length() ? d.charAt(i) : '0';
        }
    }

    /** Formats |v| in the style of strconv with the given verb (e, E, f, F, g, G) and precision (-1: shortest). */
    public static String format(double v, char verb, int prec) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        boolean neg = Double.doubleToRawLongBits(v) < 0;
        double a = Math.abs(v);
        String body = switch (verb) {
            case 'e', 'E' -> {
                Digits digs = prec < 0 ? shortest(a) : significant(a, prec + 1);
                yield fmtE(digs, prec < 0 ? Math.max(digs.nd() - 1, 0) : prec, verb);
            }
            case 'f', 'F' -> {
                if (prec < 0) {
                    Digits digs = shortest(a);
                    yield fmtF(digs, Math.max(digs.nd() - digs.dp(), 0));
                }
                yield new BigDecimal(a).setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
            }
            case 'g', 'G' -> fmtG(a, prec, verb == 'G' ? 'E' : 'e');
            default -> throw new IllegalArgumentException("verb");
        };
        return neg ? "-" + body : body;
    }

    /** {@code %v} of a float64: shortest representation, exponent form outside [1e-4, 1e21). */
    public static String shortestG(double v) {
        return format(v, 'g', -1);
    }

    private static String fmtG(double a, int prec, char expChar) {
        boolean shortest = prec < 0;
        Digits digs;
        int eprec;
        if (shortest) {
            digs = shortest(a);
            eprec = 6;
        } else {
            if (prec == 0) {
                prec = 1;
            }
            digs = significant(a, prec);
            eprec = prec;
            if (eprec > digs.nd() && digs.nd() >= digs.dp()) {
                eprec = digs.nd();
            }
        }
        int exp = digs.dp() - 1;
        if (a == 0) {
            exp = 0;
        }
        if (exp < -4 || exp >= eprec) {
            int p = shortest ? digs.nd() : Math.min(prec, digs.nd());
            return fmtE(digs, Math.max(p - 1, 0), expChar);
        }
        int p = shortest ? digs.nd() : prec;
        if (p > digs.dp()) {
            p = digs.nd();
        }
        return fmtF(digs, Math.max(p - digs.dp(), 0));
    }

    private static String fmtE(Digits digs, int prec, char expChar) {
        StringBuilder sb = new StringBuilder();
        sb.append(digs.nd() == 0 ? '0' : digs.at(0));
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) {
                sb.append(digs.at(i));
            }
        }
        sb.append(Character.toLowerCase(expChar) == 'e' ? expChar : 'e');
        int exp = digs.nd() == 0 ? 0 : digs.dp() - 1;
        sb.append(exp < 0 ? '-' : '+');
        exp = Math.abs(exp);
        if (exp < 10) {
            sb.append('0');
        }
        return sb.append(exp).toString();
    }

    private static String fmtF(Digits digs, int prec) {
        StringBuilder sb = new StringBuilder();
        if (digs.dp() > 0) {
            for (int i = 0; i < digs.dp(); i++) {
                sb.append(digs.at(i));
            }
        } else {
            sb.append('0');
        }
        if (prec > 0) {
            sb.append('.');
            for (int i = 0; i < prec; i++) {
                sb.append(digs.at(digs.dp() + i));
            }
        }
        return sb.toString();
    }

    /** The shortest digits that read back as exactly {@code a} (Go's shortest formatting). */
    private static Digits shortest(double a) {
        if (a == 0) {
            return new Digits("", 0);
        }
        if (a < 1e15 && a == Math.rint(a)) {
            return digitsOf(new BigDecimal((long) a));
        }
        BigDecimal exact = new BigDecimal(a);
        for (int p = 1; p < 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == a) {
                return digitsOf(r);
            }
        }
        return digitsOf(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    private static Digits significant(double a, int n) {
        if (a == 0) {
            return new Digits("", 0);
        }
        return digitsOf(new BigDecimal(a).round(new MathContext(n, RoundingMode.HALF_EVEN)));
    }

    private static Digits digitsOf(BigDecimal r) {
        String unscaled = r.unscaledValue().abs().toString();
        int dp = unscaled.length() - r.scale();
        int end = unscaled.length();
        while (end > 1 && unscaled.charAt(end - 1) == '0') {
            end--;
        }
        return new Digits(unscaled.substring(0, end), dp);
    }
}
