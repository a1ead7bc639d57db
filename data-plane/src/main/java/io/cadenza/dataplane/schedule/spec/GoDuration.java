package io.cadenza.dataplane.schedule.spec;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses duration strings the way Temporal does: Go's {@code time.ParseDuration} ({@code "1h30m"}, {@code "1.5h"},
 * {@code "300ms"}, {@code "-2m"}) and Temporal's {@code timestamp.ParseDuration}, which adds a {@code d} unit of
 * exactly 24 hours. Users write these in {@code @every} cron strings, so accepting exactly Go's grammar keeps
 * schedules portable between Temporal and Cadenza.
 */
public final class GoDuration {

    /** 2^63 as an unsigned long: Go's bound on the magnitude of a duration in nanoseconds. */
    private static final long TWO_63 = Long.MIN_VALUE;
    private static final Duration MAX_GO = Duration.ofNanos(Long.MAX_VALUE);
    private static final Duration MIN_GO = Duration.ofNanos(Long.MIN_VALUE);
    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    /** Temporal's {@code reDays}: a decimal number followed by {@code d}. */
    private static final Pattern DAYS = Pattern.compile("(\\d+(\\.\\d*)?|(\\.\\d+))d");

    private GoDuration() {
    }

    /** Go's {@code time.ParseDuration}; throws {@link IllegalArgumentException} with Go's wording on bad input. */
    public static Duration parse(String s) {
        return Duration.ofNanos(parseNanos(s));
    }

    /** Temporal's {@code timestamp.ParseDuration}: Go's grammar plus {@code d} = 24h (e.g. {@code "5d"}). */
    public static Duration parseWithDays(String s) {
        Matcher m = DAYS.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String number = m.group();
            number = number.substring(0, number.length() - 1);
            // Go formats with %f (six decimals), then parses hours: mirror it so rounding agrees.
            m.appendReplacement(out, String.format(Locale.ROOT, "%fh", 24 * Double.parseDouble(number)));
        }
        m.appendTail(out);
        return parse(out.toString());
    }

    /**
     * A protobuf duration as Go's {@code durationpb.AsDuration} reads it: clamped to Go's range (about 292
     * years of nanoseconds), which is what Temporal's arithmetic on intervals, phases and jitter sees.
     */
    public static Duration fromProto(com.google.protobuf.Duration d) {
        Duration full = Duration.ofSeconds(d.getSeconds(), d.getNanos());
        if (full.compareTo(MAX_GO) > 0) {
            return MAX_GO;
        }
        if (full.compareTo(MIN_GO) < 0) {
            return MIN_GO;
        }
        return full;
    }

    /** Go's algorithm in uint64 arithmetic (Java longs compared unsigned), with Go's overflow bounds. */
    private static long parseNanos(String orig) {
        String s = orig;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(orig);
        }
        long total = 0; // unsigned, at most 2^63
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!(c == '.' || isDigit(c))) {
                throw invalid(orig);
            }
            int start = i;
            long v = 0;
            for (; i < s.length() && isDigit(s.charAt(i)); i++) {
                if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_63, 10)) > 0) {
                    throw invalid(orig);
                }
                v = v * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(v, TWO_63) > 0) {
                    throw invalid(orig);
                }
            }
            boolean pre = i != start;
            long f = 0;
            double scale = 1;
            boolean post = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fracStart = i;
                boolean overflow = false;
                for (; i < s.length() && isDigit(s.charAt(i)); i++) {
                    if (overflow) {
                        continue; // Go keeps consuming digits but ignores their precision
                    }
                    if (Long.compareUnsigned(f, (TWO_63 - 1) / 10) > 0) {
                        overflow = true;
                        continue;
                    }
                    long y = f * 10 + (s.charAt(i) - '0');
                    if (Long.compareUnsigned(y, TWO_63) > 0) {
                        overflow = true;
                        continue;
                    }
                    f = y;
                    scale *= 10;
                }
                post = i != fracStart;
            }
            if (!pre && !post) {
                throw invalid(orig);
            }
            int unitStart = i;
            while (i < s.length() && !(s.charAt(i) == '.' || isDigit(s.charAt(i)))) {
                i++;
            }
            if (unitStart == i) {
                throw new IllegalArgumentException("time: missing unit in duration \"" + orig + "\"");
            }
            String u = s.substring(unitStart, i);
            Long unit = UNITS.get(u);
            if (unit == null) {
                throw new IllegalArgumentException("time: unknown unit \"" + u + "\" in duration \"" + orig + "\"");
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_63, unit)) > 0) {
                throw invalid(orig);
            }
            v *= unit;
            if (f > 0) {
                v += (long) (unsignedToDouble(f) * (unit / scale));
                if (Long.compareUnsigned(v, TWO_63) > 0) {
                    throw invalid(orig);
                }
            }
            if (Long.compareUnsigned(v, TWO_63 - total) > 0) {
                throw invalid(orig);
            }
            total += v;
        }
        if (neg) {
            return -total; // -(2^63) is Long.MIN_VALUE, as in Go
        }
        if (total < 0) {
            throw invalid(orig);
        }
        return total;
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String orig) {
        return new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
    }
}
