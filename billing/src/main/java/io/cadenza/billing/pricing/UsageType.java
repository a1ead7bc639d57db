package io.cadenza.billing.pricing;

/** The record types of Temporal Cloud's usage API, which are also what Cadenza bills. */
public enum UsageType {
    /** Billable actions, a count. */
    ACTIONS,
    /** Histories of open runs, in byte-hours. */
    ACTIVE_STORAGE,
    /** Histories of closed runs within retention, in byte-hours. */
    RETAINED_STORAGE;

    public boolean isStorage() {
        return this != ACTIONS;
    }

    /** Parses a wire value; null when unknown (the caller decides whether that is an error). */
    public static UsageType parse(String value) {
        for (UsageType t : values()) {
            if (t.name().equals(value)) {
                return t;
            }
        }
        return null;
    }
}
