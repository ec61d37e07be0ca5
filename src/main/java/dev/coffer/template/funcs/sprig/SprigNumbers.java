package dev.coffer.template.funcs.sprig;

import static dev.coffer.template.funcs.ParamType.ANY;
import static dev.coffer.template.funcs.ParamType.INT;
import static dev.coffer.template.funcs.ParamType.STRING;

import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.value.GoValues;
import java.util.ArrayList;
import java.util.List;

/** sprig's number conversions and sequences: atoi, int, int64, float64, toDecimal, seq, until, untilStep. */
public final class SprigNumbers {
    private SprigNumbers() {
    }

    public static void register(FunctionRegistry.Builder r) {
        r.add("atoi", a -> {
            Long v = GoCast.atoi(GoValues.str(a[0]));
            return v == null ? 0L : v;
        }, STRING);
        r.add("int", a -> GoCast.toInt64(a[0]), ANY);
        r.add("int64", a -> GoCast.toInt64(a[0]), ANY);
        r.add("float64", a -> GoCast.toFloat64(a[0]), ANY);
        // toDecimal reads its argument as an octal number (sprig: strconv.ParseInt(fmt.Sprint(v), 8, 64))
        r.add("toDecimal", a -> {
            try {
                return Long.parseLong(GoCast.strval(a[0]), 8);
            } catch (NumberFormatException e) {
                return 0L;
            }
        }, ANY);
        r.addVariadic("seq", a -> seq(a), INT);
        r.add("until", a -> {
            long count = GoValues.toLong(a[0]);
            return untilStep(0, count, count < 0 ? -1 : 1);
        }, INT);
        r.add("untilStep", a -> untilStep(GoValues.toLong(a[0]), GoValues.toLong(a[1]), GoValues.toLong(a[2])),
                INT, INT, INT);
    }

    static List<Object> untilStep(long start, long stop, long step) {
        List<Object> v = new ArrayList<>();
        if (stop < start) {
            if (step >= 0) {
                return v;
            }
            for (long i = start; i > stop; i += step) {
                v.add(i);
            }
            return v;
        }
        if (step <= 0) {
            return v;
        }
        for (long i = start; i < stop; i += step) {
            v.add(i);
        }
        return v;
    }

    /** Like the Unix seq: seq END, seq START END, seq START STEP END; numbers separated by spaces. */
    private static String seq(Object[] params) {
        long increment = 1;
        List<Object> values;
        switch (params.length) {
            case 1 -> {
                long end = GoValues.toLong(params[0]);
                if (end < 1) {
                    increment = -1;
                }
                values = untilStep(1, end + increment, increment);
            }
            case 2 -> {
                long start = GoValues.toLong(params[0]);
                long end = GoValues.toLong(params[1]);
                long step = end < start ? -1 : 1;
                values = untilStep(start, end + step, step);
            }
            case 3 -> {
                long start = GoValues.toLong(params[0]);
                long step = GoValues.toLong(params[1]);
                long end = GoValues.toLong(params[2]);
                if (end < start) {
                    increment = -1;
                    if (step > 0) {
                        return "";
                    }
                }
                values = untilStep(start, end + increment, step);
            }
            default -> {
                return "";
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Object o : values) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(o);
        }
        return sb.toString();
    }
}
