package dev.coffer.template.funcs.sprig;

import static dev.coffer.template.funcs.ParamType.ANY;
import static dev.coffer.template.funcs.ParamType.FLOAT64;
import static dev.coffer.template.funcs.ParamType.INT;

import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.gofmt.FloatFormat;
import dev.coffer.template.value.GoValues;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.util.function.BinaryOperator;

/**
 * sprig's arithmetic. Integer functions convert with cast.ToInt64 and return int64; the float
 * functions addf/subf/mulf/divf go through shopspring/decimal as sprig does (so {@code addf 0.1 0.2}
 * is 0.3), division keeping 16 decimal places.
 */
public final class SprigMath {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SprigMath() {
    }

    private static long i64(Object o) {
        return GoCast.toInt64(o);
    }

    private static double f64(Object o) {
        return GoCast.toFloat64(o);
    }

    public static void register(FunctionRegistry.Builder r) {
        r.add("add1", a -> i64(a[0]) + 1, ANY);
        r.addVariadic("add", a -> {
            long sum = 0;
            for (Object o : a) {
                sum += i64(o);
            }
            return sum;
        }, ANY);
        r.add("sub", a -> i64(a[0]) - i64(a[1]), ANY, ANY);
        r.add("div", a -> i64(a[0]) / i64(a[1]), ANY, ANY);
        r.add("mod", a -> i64(a[0]) % i64(a[1]), ANY, ANY);
        r.addVariadic("mul", a -> {
            long v = i64(a[0]);
            for (int k = 1; k < a.length; k++) {
                v *= i64(a[k]);
            }
            return v;
        }, ANY, ANY);
        r.addVariadic("max", a -> {
            long v = i64(a[0]);
            for (int k = 1; k < a.length; k++) {
                v = Math.max(v, i64(a[k]));
            }
            return v;
        }, ANY, ANY);
        r.alias("biggest", "max");
        r.addVariadic("min", a -> {
            long v = i64(a[0]);
            for (int k = 1; k < a.length; k++) {
                v = Math.min(v, i64(a[k]));
            }
            return v;
        }, ANY, ANY);
        r.addVariadic("maxf", a -> {
            double v = f64(a[0]);
            for (int k = 1; k < a.length; k++) {
                v = Math.max(v, f64(a[k]));
            }
            return v;
        }, ANY, ANY);
        r.addVariadic("minf", a -> {
            double v = f64(a[0]);
            for (int k = 1; k < a.length; k++) {
                v = Math.min(v, f64(a[k]));
            }
            return v;
        }, ANY, ANY);
        r.add("floor", a -> Math.floor(f64(a[0])), ANY);
        r.add("ceil", a -> Math.ceil(f64(a[0])), ANY);
        r.addVariadic("round", a -> round(a[0], GoValues.toLong(a[1]), a.length > 2 ? GoValues.toDouble(a[2]) : 0.5),
                ANY, INT, FLOAT64);
        r.add("randInt", a -> {
            long min = GoValues.toLong(a[0]);
            long max = GoValues.toLong(a[1]);
            if (max <= min) {
                throw new dev.coffer.template.funcs.FunctionException("invalid argument to Intn");
            }
            return min + (long) (RANDOM.nextDouble() * (max - min));
        }, INT, INT);
        r.add("add1f", a -> decimalOp(a[0], new Object[]{1L}, BigDecimal::add), ANY);
        r.addVariadic("addf", a -> decimalOp(0.0, a, BigDecimal::add), ANY);
        r.addVariadic("subf", a -> decimalOp(a[0], rest(a), BigDecimal::subtract), ANY, ANY);
        r.addVariadic("mulf", a -> decimalOp(a[0], rest(a), BigDecimal::multiply), ANY, ANY);
        r.addVariadic("divf", a -> decimalOp(a[0], rest(a),
                (x, y) -> x.divide(y, 16, RoundingMode.HALF_UP)), ANY, ANY);
    }

    private static Object[] rest(Object[] a) {
        return java.util.Arrays.copyOfRange(a, 1, a.length);
    }

    /** decimal.NewFromFloat keeps the shortest decimal form of each float; the result goes back to float64. */
    private static double decimalOp(Object first, Object[] others, BinaryOperator<BigDecimal> op) {
        BigDecimal acc = decimal(f64(first));
        for (Object o : others) {
            acc = op.apply(acc, decimal(f64(o)));
        }
        return acc.doubleValue();
    }

    private static BigDecimal decimal(double d) {
        if (d == 0) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(FloatFormat.format(d, 'e', -1));
    }

    private static double round(Object a, long places, double roundOn) {
        double val = f64(a);
        double pow = Math.pow(10, places);
        double digit = pow * val;
        double frac = digit - (long) digit;
        double rounded = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
        return rounded / pow;
    }
}
