package dev.coffer.template.funcs.sprig;

import dev.coffer.gocompat.GoDuration;
import static dev.coffer.template.funcs.ParamType.ANY;
import static dev.coffer.template.funcs.ParamType.STRING;
import static dev.coffer.template.funcs.ParamType.TIME;

import dev.coffer.template.funcs.FunctionException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.gofmt.GoTimeLayout;
import dev.coffer.template.value.GoValues;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;

/**
 * sprig's date functions. Layouts are Go reference layouts ("2006-01-02"); the local zone is UTC
 * (see {@link GoTimeLayout#LOCAL}). Zone names are IANA names; an unknown zone falls back to UTC,
 * as sprig does.
 */
public final class SprigDates {
    private SprigDates() {
    }

    public static void register(FunctionRegistry.Builder r) {
        r.add("now", a -> ZonedDateTime.now(GoTimeLayout.LOCAL));
        r.add("date", a -> dateInZone(GoValues.str(a[0]), a[1], "Local"), STRING, ANY);
        r.add("dateInZone", a -> dateInZone(GoValues.str(a[0]), a[1], GoValues.str(a[2])), STRING, ANY, STRING);
        r.alias("date_in_zone", "dateInZone");
        r.add("htmlDate", a -> dateInZone("2006-01-02", a[0], "Local"), ANY);
        r.add("htmlDateInZone", a -> dateInZone("2006-01-02", a[0], GoValues.str(a[1])), ANY, STRING);
        r.add("dateModify", a -> {
            Long d = GoDuration.parseNanos(GoValues.str(a[0]));
            return d == null ? a[1] : time(a[1]).plusNanos(d);
        }, STRING, TIME);
        r.alias("date_modify", "dateModify");
        r.add("mustDateModify", a -> {
            Long d = GoDuration.parseNanos(GoValues.str(a[0]));
            if (d == null) {
                throw new FunctionException("time: invalid duration");
            }
            return time(a[1]).plusNanos(d);
        }, STRING, TIME);
        r.alias("must_date_modify", "mustDateModify");
        r.add("ago", a -> {
            ZonedDateTime t = toTime(a[0]);
            long nanos = Duration.between(t.toInstant(), Instant.now()).toNanos();
            return GoDuration.format(Math.round(nanos / 1e9) * 1_000_000_000L);
        }, ANY);
        r.add("duration", a -> GoDuration.format(seconds(a[0]) * 1_000_000_000L), ANY);
        r.add("durationRound", a -> durationRound(a[0]), ANY);
        r.add("toDate", a -> {
            try {
                return GoTimeLayout.parse(GoValues.str(a[0]), GoValues.str(a[1]), GoTimeLayout.LOCAL);
            } catch (DateTimeException e) {
                return GoTimeLayout.ZERO;
            }
        }, STRING, STRING);
        r.add("mustToDate", a -> {
            try {
                return GoTimeLayout.parse(GoValues.str(a[0]), GoValues.str(a[1]), GoTimeLayout.LOCAL);
            } catch (DateTimeException e) {
                throw new FunctionException("parsing time: the value does not match the layout");
            }
        }, STRING, STRING);
        r.add("unixEpoch", a -> Long.toString(time(a[0]).toEpochSecond()), TIME);
    }

    private static ZonedDateTime time(Object v) {
        return GoTimeLayout.toZoned((TemporalAccessor) v);
    }

    /** sprig accepts a time, or Unix seconds as an integer; anything else means now. */
    private static ZonedDateTime toTime(Object v) {
        if (GoValues.isTime(v)) {
            return time(v);
        }
        if (GoValues.isInt(v)) {
            return Instant.ofEpochSecond(GoValues.toLong(v)).atZone(GoTimeLayout.LOCAL);
        }
        return ZonedDateTime.now(GoTimeLayout.LOCAL);
    }

    private static String dateInZone(String layout, Object date, String zone) {
        ZoneId loc;
        try {
            loc = zone.equals("Local") ? GoTimeLayout.LOCAL : zone.equals("UTC") ? java.time.ZoneOffset.UTC : ZoneId.of(zone);
        } catch (DateTimeException e) {
            loc = java.time.ZoneOffset.UTC;
        }
        return GoTimeLayout.format(toTime(date).withZoneSameInstant(loc), layout);
    }

    /** duration takes seconds as a string or an integer (sprig: string or int64). */
    private static long seconds(Object v) {
        if (GoValues.isString(v)) {
            Long n = GoCast.atoi(GoValues.str(v));
            return n == null ? 0 : n;
        }
        if (GoValues.isInt(v)) {
            return GoValues.toLong(v);
        }
        return 0;
    }

    private static String durationRound(Object v) {
        long d;
        if (GoValues.isString(v)) {
            Long parsed = GoDuration.parseNanos(GoValues.str(v));
            d = parsed == null ? 0 : parsed;
        } else if (GoValues.isInt(v)) {
            d = GoValues.toLong(v);
        } else if (GoValues.isTime(v)) {
            d = Duration.between(time(v).toInstant(), Instant.now()).toNanos();
        } else {
            d = 0;
        }
        long u = Math.abs(d);
        long second = 1_000_000_000L;
        long minute = 60 * second;
        long hour = 60 * minute;
        long day = 24 * hour;
        long month = 30 * day;
        long year = 365 * day;
        if (u > year) {
            return u / year + "y";
        } else if (u > month) {
            return u / month + "mo";
        } else if (u > day) {
            return u / day + "d";
        } else if (u > hour) {
            return u / hour + "h";
        } else if (u > minute) {
            return u / minute + "m";
        } else if (u > second) {
            return u / second + "s";
        }
        return "0s";
    }
}
