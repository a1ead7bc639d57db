package io.cadenza.dataplane.schedule.spec;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Time zone names as Go's {@code time.LoadLocation} accepts them: IANA names from the tz database, case-sensitive,
 * with the empty name meaning UTC. Java offset ids ({@code +01:00}, {@code Z}) are rejected because Temporal
 * rejects them. {@code Local} is UTC here: Cadenza servers run in UTC and a schedule must not depend on the host.
 */
final class TimeZones {

    /** Fixed-offset zones Go's tz database has but Java lists only among {@link ZoneId#SHORT_IDS}. */
    private static final Set<String> FIXED = Set.of("EST", "MST", "HST");

    private TimeZones() {
    }

    /** The zone for {@code name}; throws {@link IllegalArgumentException} for an unknown name. */
    static ZoneId resolve(String name) {
        if (name.isEmpty() || name.equals("UTC") || name.equals("Local")) {
            return ZoneOffset.UTC;
        }
        if (FIXED.contains(name)) {
            return ZoneId.of(name, ZoneId.SHORT_IDS);
        }
        if (ZoneId.getAvailableZoneIds().contains(name)) {
            return ZoneId.of(name);
        }
        throw new IllegalArgumentException("unknown time zone \"" + name + "\" (use an IANA name such as "
                + "America/New_York or Europe/Berlin)");
    }
}
