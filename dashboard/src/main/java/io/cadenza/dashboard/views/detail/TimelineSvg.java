package io.cadenza.dashboard.views.detail;

import io.cadenza.dashboard.backend.Durations;
import io.cadenza.dashboard.backend.RunTimeline.Lane;
import io.cadenza.dashboard.backend.RunTimeline.Marker;
import io.cadenza.dashboard.backend.RunTimeline.MarkerKind;
import io.cadenza.dashboard.backend.RunTimeline.Segment;
import io.cadenza.dashboard.backend.RunTimeline.SegmentKind;
import io.cadenza.dashboard.backend.RunTimeline.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link Timeline} as an SVG on the server (the billing chart's approach: no chart library, no frontend
 * build). One row per lane with its label and status on the left, the segments over a time axis relative to the
 * run's start, markers as diamonds on their own row with a guide line through the lanes. Only the window
 * {@code [from, to]} is drawn (zoom); each segment, marker and label carries a {@code <title>} for hover and
 * {@code data-*} attributes naming what it is.
 */
public final class TimelineSvg {

    static final int LABEL_WIDTH = 380;
    private static final int AXIS = 22;
    private static final int MARKER_ROW = 20;
    private static final int ROW = 22;
    private static final int BAR = 12;
    private static final Map<SegmentKind, String> COLOURS = new EnumMap<>(SegmentKind.class);
    private static final long[] STEPS_MILLIS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000,
        15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000,
        21_600_000, 43_200_000, 86_400_000, 172_800_000, 604_800_000, 2_592_000_000L, 31_536_000_000L};

    static {
        COLOURS.put(SegmentKind.WAITING, "#c5cfdb");
        COLOURS.put(SegmentKind.RUNNING, "#4a90d9");
        COLOURS.put(SegmentKind.COMPLETED, "#2e9e5b");
        COLOURS.put(SegmentKind.FAILED_ATTEMPT, "#e57368");
        COLOURS.put(SegmentKind.BACKOFF, "#f6d2ce");
        COLOURS.put(SegmentKind.FAILED, "#c62828");
        COLOURS.put(SegmentKind.TIMED_OUT, "#ef8f00");
        COLOURS.put(SegmentKind.CANCELED, "#9e9e9e");
        COLOURS.put(SegmentKind.TERMINATED, "#616161");
        COLOURS.put(SegmentKind.FIRED, "#7e57c2");
        COLOURS.put(SegmentKind.AWAITING_DECISION, "#b39ddb");
        COLOURS.put(SegmentKind.DECIDED, "#00897b");
    }

    private TimelineSvg() {
    }

    /** The colour of a segment kind (also used by the legend). */
    static String colour(SegmentKind kind) {
        return COLOURS.get(kind);
    }

    /** Renders the window {@code [from, to]} of {@code timeline} {@code width} pixels wide. */
    public static String render(Timeline timeline, Instant from, Instant to, int width) {
        long windowMillis = Math.max(1, Duration.between(from, to).toMillis());
        int plotLeft = LABEL_WIDTH + 8;
        int plotWidth = Math.max(100, width - plotLeft - 12);
        List<Lane> lanes = timeline.lanes();
        int lanesTop = AXIS + MARKER_ROW;
        int height = lanesTop + Math.max(1, lanes.size()) * ROW + 6;
        Scale x = new Scale(from, windowMillis, plotLeft, plotWidth);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline-svg\" role=\"img\" aria-label=\"")
                .append("Timeline of the run\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.append("<defs><clipPath id=\"timeline-plot\"><rect x=\"").append(plotLeft).append("\" y=\"0\" width=\"")
                .append(plotWidth).append("\" height=\"").append(height).append("\"/></clipPath></defs>");
        axis(svg, timeline.start(), from, windowMillis, x, height);
        for (int i = 0; i < lanes.size(); i++) {
            lane(svg, lanes.get(i), lanesTop + i * ROW, x, i);
        }
        svg.append("<g clip-path=\"url(#timeline-plot)\">");
        for (Marker m : timeline.markers()) {
            marker(svg, m, x, timeline.start(), height);
        }
        svg.append("</g>");
        if (lanes.isEmpty()) {
            svg.append("<text x=\"").append(plotLeft).append("\" y=\"").append(lanesTop + 15)
                    .append("\" fill=\"#666\">Nothing scheduled yet.</text>");
        }
        return svg.append("</svg>").toString();
    }

    private record Scale(Instant from, long windowMillis, int left, int width) {
        double at(Instant t) {
            return left + width * (double) Duration.between(from, t).toMillis() / windowMillis;
        }
    }

    private static void axis(StringBuilder svg, Instant runStart, Instant from, long windowMillis, Scale x,
                             int height) {
        long step = STEPS_MILLIS[STEPS_MILLIS.length - 1];
        for (long candidate : STEPS_MILLIS) {
            if (windowMillis / candidate <= 8) {
                step = candidate;
                break;
            }
        }
        long offsetFrom = Duration.between(runStart, from).toMillis();
        long first = Math.floorDiv(offsetFrom + step - 1, step) * step;
        for (long t = first; t <= offsetFrom + windowMillis; t += step) {
            double px = x.at(runStart.plusMillis(t));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#e3e3e3\"/>",
                    px, px, AXIS - 4, height));
            svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
                    + "fill=\"#555\">%s</text>", px, AXIS - 8, t == 0 ? "0" : "+" + Durations.format(
                    Duration.ofMillis(t))));
        }
    }

    private static void lane(StringBuilder svg, Lane lane, int top, Scale x, int index) {
        svg.append("<g class=\"lane\" data-lane-kind=\"").append(lane.kind()).append("\" data-lane=\"")
                .append(index).append("\" data-label=\"").append(escape(lane.label())).append("\">");
        if (index % 2 == 1) {
            svg.append("<rect x=\"0\" y=\"").append(top).append("\" width=\"100%\" height=\"").append(ROW)
                    .append("\" fill=\"#f7f8fa\"/>");
        }
        svg.append("<text class=\"lane-label\" x=\"4\" y=\"").append(top + 15).append("\" data-lane=\"")
                .append(index).append("\" style=\"cursor:zoom-in\"><title>").append(escape(lane.label()))
                .append(" — ").append(escape(lane.status())).append(" (click to zoom to it)</title>")
                .append(escape(shorten(lane.label(), 34))).append("<tspan fill=\"#666\" dx=\"6\">")
                .append(escape(shorten(lane.status(), Math.max(8, 60 - Math.min(34, lane.label().length())))))
                .append("</tspan></text>");
        svg.append("<g clip-path=\"url(#timeline-plot)\">");
        for (Segment s : lane.segments()) {
            double x1 = x.at(s.from());
            double x2 = Math.max(x1 + 2, x.at(s.to()));
            svg.append(String.format(Locale.ROOT, "<rect class=\"segment\" data-kind=\"%s\" x=\"%.1f\" y=\"%d\" "
                    + "width=\"%.1f\" height=\"%d\" rx=\"2\" fill=\"%s\"%s%s>", s.kind(), x1, top + (ROW - BAR) / 2,
                    x2 - x1, BAR, colour(s.kind()), s.approximate() ? " fill-opacity=\"0.75\" stroke=\"#fff\""
                    : "", s.open() ? " stroke=\"" + colour(s.kind()) + "\" stroke-dasharray=\"3 2\"" : ""));
            svg.append("<title>").append(escape(s.title())).append(" — ").append(escape(Durations.format(
                    Duration.between(s.from(), s.to())))).append(s.open() ? ", still open" : "")
                    .append("</title></rect>");
        }
        svg.append("</g></g>");
    }

    private static void marker(StringBuilder svg, Marker m, Scale x, Instant runStart, int height) {
        double px = x.at(m.at());
        String colour = switch (m.kind()) {
            case SIGNAL, SIGNAL_SENT -> "#f9a825";
            case UPDATE -> "#0097a7";
            case CANCEL_REQUEST -> "#d84315";
            case CLOSE -> "#37474f";
            case MARKER -> "#8d6e63";
        };
        int y = AXIS + MARKER_ROW / 2;
        svg.append(String.format(Locale.ROOT, "<g class=\"marker\" data-kind=\"%s\"><line x1=\"%.1f\" x2=\"%.1f\" "
                + "y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"2 3\" stroke-opacity=\"0.6\"/>", m.kind(),
                px, px, y, height, colour));
        svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %d l6 6 l-6 6 l-6 -6 z\" fill=\"%s\"/>", px, y - 6,
                colour));
        svg.append("<title>").append(escape(m.label())).append(" at +").append(escape(Durations.format(
                Duration.between(runStart, m.at())))).append(" (event ").append(m.eventId()).append(")</title>");
        if (m.kind() != MarkerKind.CLOSE) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"%s\">%s</text>", px + 7, y + 4,
                    colour, escape(shorten(m.label(), 24))));
        }
        svg.append("</g>");
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(1, max - 1)) + "…";
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
