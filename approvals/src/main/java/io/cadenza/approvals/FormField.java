package io.cadenza.approvals;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * One input of an approval form: the person completing the task fills it in, and the server checks the value
 * against {@link #type()} and {@link #required()} before the task can complete.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FormField(String name, String label, Type type, boolean required, List<String> choices) {

    /** Value types the inbox knows; written in lower case in the JSON contract. */
    public enum Type {
        /** A single-line string. */
        TEXT,
        /** A JSON number. */
        NUMBER,
        /** A decimal amount: a JSON number or a decimal string such as {@code "1250.50"}. */
        MONEY,
        /** An ISO-8601 calendar date ({@code 2026-12-31}). */
        DATE,
        /** One of {@link FormField#choices()}. */
        CHOICE,
        /** A multi-line string. */
        TEXTAREA;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Type fromJson(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public FormField {
        choices = choices == null ? null : List.copyOf(choices);
    }

    public static FormField text(String name, String label, boolean required) {
        return new FormField(name, label, Type.TEXT, required, null);
    }

    public static FormField textarea(String name, String label, boolean required) {
        return new FormField(name, label, Type.TEXTAREA, required, null);
    }

    public static FormField number(String name, String label, boolean required) {
        return new FormField(name, label, Type.NUMBER, required, null);
    }

    public static FormField money(String name, String label, boolean required) {
        return new FormField(name, label, Type.MONEY, required, null);
    }

    public static FormField date(String name, String label, boolean required) {
        return new FormField(name, label, Type.DATE, required, null);
    }

    public static FormField choice(String name, String label, boolean required, List<String> choices) {
        return new FormField(name, label, Type.CHOICE, required, choices);
    }
}
