package io.cadenza.dataplane.execution.activity.approval;

import java.util.List;
import java.util.Locale;

/** A validated form field of an approval request. */
public record FormFieldSpec(String name, String label, Type type, boolean required, List<String> choices) {

    public enum Type {
        TEXT, NUMBER, MONEY, DATE, CHOICE, TEXTAREA;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The type named {@code json} in the contract, or null. */
        public static Type fromJson(String json) {
            for (Type t : values()) {
                if (t.json().equals(json)) {
                    return t;
                }
            }
            return null;
        }
    }
}
