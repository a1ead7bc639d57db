package io.cadenza.dashboard.views;

import com.google.protobuf.Timestamp;
import com.vaadin.flow.component.html.Span;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How times and statuses look everywhere (times in UTC, like the query language). */
public final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    public static String time(Timestamp t) {
        return t == null || (t.getSeconds() == 0 && t.getNanos() == 0) ? ""
                : time(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()));
    }

    public static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    /** {@code WORKFLOW_EXECUTION_STATUS_TIMED_OUT} -> {@code TimedOut}, {@code PENDING_ACTIVITY_STATE_STARTED} -> {@code Started}. */
    public static String status(Enum<?> status) {
        String name = status.name().replaceFirst("^[A-Z_]*?(STATUS|STATE)_", "");
        StringBuilder out = new StringBuilder();
        for (String word : name.split("_")) {
            if (!word.isEmpty()) {
                out.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out.toString().replace("Continuedasnew", "ContinuedAsNew").replace("Timedout", "TimedOut");
    }

    /** A coloured status badge (Lumo badge styles). */
    public static Span badge(String text) {
        Span badge = new Span(text);
        String theme = switch (text) {
            case "Completed", "Fired", "approved", "completed", "active" -> "badge success";
            case "Failed", "TimedOut", "Terminated", "overdue", "expired", "rejected" -> "badge error";
            case "Running", "Started", "Scheduled", "open", "claimed" -> "badge";
            default -> "badge contrast";
        };
        badge.getElement().getThemeList().addAll(java.util.List.of(theme.split(" ")));
        badge.getElement().setAttribute("data-status", text);
        return badge;
    }
}
