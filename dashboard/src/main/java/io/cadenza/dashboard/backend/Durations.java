package io.cadenza.dashboard.backend;

import java.time.Duration;

/** Short human durations: {@code 850ms}, {@code 12.3s}, {@code 4m 05s}, {@code 2h 03m}, {@code 3d 4h}. */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration d) {
        if (d == null) {
            return "";
        }
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = d.getSeconds();
        if (seconds < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(java.util.Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
        }
        return String.format(java.util.Locale.ROOT, "%dd %dh", seconds / 86_400, (seconds % 86_400) / 3600);
    }
}
