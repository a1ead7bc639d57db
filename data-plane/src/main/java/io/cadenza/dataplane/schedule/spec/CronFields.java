package io.cadenza.dataplane.schedule.spec;

import com.cronutils.model.Cron;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.And;
import com.cronutils.model.field.expression.Between;
import com.cronutils.model.field.expression.Every;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.field.expression.On;
import com.cronutils.model.field.expression.QuestionMark;
import com.cronutils.model.field.value.SpecialChar;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * A parsed five-field cron expression as bit sets, with robfig/cron v3's {@code SpecSchedule.Next}: the engine
 * behind Temporal's {@code cron_schedule} ({@code cron.ParseStandard} in {@code common/backoff/cron.go}).
 * cron-utils does the parsing; the search is robfig's, field by field, so that Cadenza and Temporal pick the
 * same instants, including around daylight-saving transitions (a time in a repeated hour fires in both copies,
 * a time skipped by spring-forward does not fire that day) and with robfig's day rule: when neither
 * day-of-month nor day-of-week is a star, a day matches if either matches.
 */
final class CronFields {

    /** robfig marks fields written as {@code *} or {@code ?} (without a step above 1) with this bit. */
    static final long STAR = 1L << 63;
    private static final long SECOND_ZERO = 1L;
    /** robfig gives up after five years without a match. */
    private static final int YEAR_LIMIT = 5;

    private final long minute;
    private final long hour;
    private final long dom;
    private final long month;
    private final long dow;

    CronFields(long minute, long hour, long dom, long month, long dow) {
        this.minute = minute;
        this.hour = hour;
        this.dom = dom;
        this.month = month;
        this.dow = dow;
    }

    /** Bit sets from a cron-utils parse (fields minute, hour, day of month, month, day of week with Sunday = 0). */
    static CronFields of(Cron cron) {
        return new CronFields(
                bits(cron, CronFieldName.MINUTE, 0, 59),
                bits(cron, CronFieldName.HOUR, 0, 23),
                bits(cron, CronFieldName.DAY_OF_MONTH, 1, 31),
                bits(cron, CronFieldName.MONTH, 1, 12),
                bits(cron, CronFieldName.DAY_OF_WEEK, 0, 6));
    }

    private static long bits(Cron cron, CronFieldName name, int min, int max) {
        return bits(cron.retrieve(name).getExpression(), min, max);
    }

    private static long bits(FieldExpression e, int min, int max) {
        if (e instanceof Always || e instanceof QuestionMark) {
            return range(min, max, 1) | STAR;
        }
        if (e instanceof On on) {
            requirePlain(on);
            int v = on.getTime().getValue();
            return range(v, v, 1);
        }
        if (e instanceof Between between) {
            return range(value(between.getFrom().getValue()), value(between.getTo().getValue()), 1);
        }
        if (e instanceof Every every) {
            int step = every.getPeriod().getValue();
            FieldExpression base = every.getExpression();
            if (base instanceof Always || base instanceof QuestionMark) {
                // robfig keeps the star only for a step of 1 ("*/1" is "*"); "*/2" is a plain list.
                return range(min, max, step) | (step == 1 ? STAR : 0);
            }
            if (base instanceof On on) {
                requirePlain(on);
                return range(on.getTime().getValue(), max, step); // "N/step" means "N-max/step"
            }
            if (base instanceof Between between) {
                return range(value(between.getFrom().getValue()), value(between.getTo().getValue()), step);
            }
        }
        if (e instanceof And and) {
            long bits = 0;
            for (FieldExpression part : and.getExpressions()) {
                bits |= bits(part, min, max);
            }
            return bits;
        }
        throw new IllegalArgumentException("unsupported expression " + e.asString());
    }

    private static void requirePlain(On on) {
        if (on.getSpecialChar().getValue() != SpecialChar.NONE) {
            throw new IllegalArgumentException("unsupported expression " + on.asString());
        }
    }

    private static int value(Object v) {
        if (v instanceof Integer i) {
            return i;
        }
        throw new IllegalArgumentException("unsupported value " + v);
    }

    private static long range(int from, int to, int step) {
        if (step <= 0) {
            throw new IllegalArgumentException("step of range should be a positive number");
        }
        long bits = 0;
        for (int i = from; i <= to; i += step) {
            bits |= 1L << i;
        }
        return bits;
    }

    /**
     * robfig's {@code SpecSchedule.Next}: the first whole second strictly after {@code after} whose wall-clock
     * fields in {@code zone} match, or -1 when none is found within five years.
     */
    long next(long afterEpochSecond, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        long t = afterEpochSecond + 1; // the upcoming whole second (nanoseconds already dropped by the caller)
        boolean added = false;
        int yearLimit = GoTime.local(t, rules).getYear() + YEAR_LIMIT;
        wrap:
        while (true) {
            LocalDateTime l = GoTime.local(t, rules);
            if (l.getYear() > yearLimit) {
                return -1;
            }
            while (!has(month, l.getMonthValue())) {
                if (!added) {
                    added = true;
                    t = GoTime.date(l.getYear(), l.getMonthValue(), 1, 0, 0, 0, rules);
                    l = GoTime.local(t, rules);
                }
                t = addDate(l, 1, 0, rules);
                l = GoTime.local(t, rules);
                if (l.getMonthValue() == 1) {
                    continue wrap;
                }
            }
            while (!dayMatches(l)) {
                if (!added) {
                    added = true;
                    t = GoTime.date(l.getYear(), l.getMonthValue(), l.getDayOfMonth(), 0, 0, 0, rules);
                    l = GoTime.local(t, rules);
                }
                t = addDate(l, 0, 1, rules);
                l = GoTime.local(t, rules);
                // robfig's fix for zones where midnight does not exist on DST days
                if (l.getHour() != 0) {
                    t += l.getHour() > 12 ? (24 - l.getHour()) * 3600L : -l.getHour() * 3600L;
                    l = GoTime.local(t, rules);
                }
                if (l.getDayOfMonth() == 1) {
                    continue wrap;
                }
            }
            while (!has(hour, l.getHour())) {
                if (!added) {
                    added = true;
                    t = GoTime.date(l.getYear(), l.getMonthValue(), l.getDayOfMonth(), l.getHour(), 0, 0, rules);
                }
                t += 3600;
                l = GoTime.local(t, rules);
                if (l.getHour() == 0) {
                    continue wrap;
                }
            }
            while (!has(minute, l.getMinute())) {
                if (!added) {
                    added = true;
                    t = Math.floorDiv(t, 60) * 60; // Go's Truncate(time.Minute) works on absolute time
                }
                t += 60;
                l = GoTime.local(t, rules);
                if (l.getMinute() == 0) {
                    continue wrap;
                }
            }
            while (!has(SECOND_ZERO, l.getSecond())) {
                added = true;
                t += 1;
                l = GoTime.local(t, rules);
                if (l.getSecond() == 0) {
                    continue wrap;
                }
            }
            return t;
        }
    }

    /** Go's {@code t.AddDate(0, months, days)}: the same wall-clock time on the shifted (normalised) date. */
    private static long addDate(LocalDateTime l, int months, int days, ZoneRules rules) {
        return GoTime.date(l.getYear(), l.getMonthValue() + months, l.getDayOfMonth() + days,
                l.getHour(), l.getMinute(), l.getSecond(), rules);
    }

    private boolean dayMatches(LocalDateTime l) {
        boolean domMatch = has(dom, l.getDayOfMonth());
        boolean dowMatch = has(dow, GoTime.weekday(l));
        if ((dom & STAR) != 0 || (dow & STAR) != 0) {
            return domMatch && dowMatch;
        }
        return domMatch || dowMatch;
    }

    private static boolean has(long bits, int value) {
        return (bits & (1L << value)) != 0;
    }
}
