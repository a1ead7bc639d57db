package io.cadenza.dataplane.visibility;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses ExecutionDuration values the way Temporal does: an integer number of nanoseconds, a Go duration
 * ({@code "1h30m"}, {@code "1.5s"}, {@code "-2m"}, {@code "250ms"}, also Temporal's {@code "d"} for days), or
 * {@code "hh:mm:ss"}.
 */
final class Durations {

    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L, "d", 86_400_000_000_000L);
    private static final Pattern GO_PART = Pattern.compile("(\\d*\\.?\\d*)([^\\d.]+)");
    private static final Pattern HH_MM_SS = Pattern.compile("(\\d+):([0-5]\\d):([0-5]\\d)");
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Durations() {
    }

    /**
     * Nanoseconds of {@code text}.
     *
     * @throws IllegalArgumentException when it is none of the accepted forms or overflows 64 bits
     */
    static long parseNanos(String text) {
        String s = text.trim();
        if (s.matches("[+-]?\\d+")) {
            return Long.parseLong(s);
        }
        Matcher hms = HH_MM_SS.matcher(s);
        if (hms.matches()) {
            BigInteger seconds = new BigInteger(hms.group(1)).multiply(BigInteger.valueOf(3600))
                    .add(BigInteger.valueOf(Long.parseLong(hms.group(2)) * 60 + Long.parseLong(hms.group(3))));
            return checked(new BigDecimal(seconds.multiply(BigInteger.valueOf(1_000_000_000L))));
        }
        return parseGo(s);
    }

    private static long parseGo(String s) {
        boolean negative = s.startsWith("-");
        String rest = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        if (rest.equals("0")) {
            return 0;
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        Matcher part = GO_PART.matcher(rest);
        BigDecimal total = BigDecimal.ZERO;
        int end = 0;
        while (end < rest.length()) {
            if (!part.find(end) || part.start() != end) {
                throw new IllegalArgumentException("not a duration: " + s);
            }
            String number = part.group(1);
            Long unit = UNIT_NANOS.get(part.group(2));
            if (number.isEmpty() || number.equals(".") || unit == null) {
                throw new IllegalArgumentException("not a duration: " + s);
            }
            total = total.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
            end = part.end();
        }
        return checked(negative ? total.negate() : total);
    }

    /** Truncates fractions of a nanosecond toward zero, as Go does, and refuses what does not fit a long. */
    private static long checked(BigDecimal nanos) {
        BigInteger whole = nanos.toBigInteger();
        if (whole.abs().compareTo(MAX) > 0) {
            throw new IllegalArgumentException("duration out of range");
        }
        return whole.longValueExact();
    }
}
