package io.cadenza.dashboard.views.detail;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.cadenza.dashboard.backend.Durations;
import io.cadenza.dashboard.backend.RunTimeline.Lane;
import io.cadenza.dashboard.backend.RunTimeline.SegmentKind;
import io.cadenza.dashboard.backend.RunTimeline.Timeline;
import java.time.Duration;
import java.time.Instant;

/**
 * The graphical timeline of a run with its zoom: buttons zoom in and out around the middle of the window and pan,
 * "Fit" shows the whole run, a click on a lane's label zooms to that lane. The SVG is drawn on the server
 * ({@link TimelineSvg}); a live refresh keeps a zoomed window, and a fitted one follows the run as it grows.
 */
class TimelineGraph extends VerticalLayout {

    private static final int WIDTH = 1180;
    private static final String LANE_OF_CLICK = "event.target.closest('text.lane-label').getAttribute('data-lane')";
    private static final Duration MIN_WINDOW = Duration.ofMillis(20);

    private final Div canvas = new Div();
    private final Span window = new Span();
    private Timeline timeline;
    private Instant from;
    private Instant to;
    private boolean fitted = true;

    TimelineGraph(Timeline timeline) {
        setId("timeline-graph");
        setPadding(false);
        setSpacing(false);
        Button zoomIn = button("timeline-zoom-in", VaadinIcon.SEARCH_PLUS, "Zoom in", () -> zoom(0.5));
        Button zoomOut = button("timeline-zoom-out", VaadinIcon.SEARCH_MINUS, "Zoom out", () -> zoom(2));
        Button left = button("timeline-pan-left", VaadinIcon.ARROW_LEFT, "Earlier", () -> pan(-0.5));
        Button right = button("timeline-pan-right", VaadinIcon.ARROW_RIGHT, "Later", () -> pan(0.5));
        Button fit = new Button("Fit", e -> {
            fitted = true;
            fit();
            draw();
        });
        fit.setId("timeline-fit");
        fit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        window.setId("timeline-window");
        window.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        HorizontalLayout toolbar = new HorizontalLayout(zoomIn, zoomOut, left, right, fit, window, legend());
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        toolbar.setWidthFull();
        canvas.setId("timeline-canvas");
        canvas.getStyle().set("overflow-x", "auto").set("max-width", "100%");
        canvas.getElement().addEventListener("click", e -> {
            String lane = e.getEventData().getString(LANE_OF_CLICK);
            if (lane != null && lane.matches("\\d+")) {
                zoomToLane(Integer.parseInt(lane));
            }
        }).setFilter("event.target.closest('text.lane-label') != null").addEventData(LANE_OF_CLICK);
        add(toolbar, canvas);
        update(timeline);
    }

    /** Shows a newer state of the run, keeping the user's zoom unless the whole run was shown. */
    void update(Timeline newer) {
        this.timeline = newer;
        if (fitted || from == null) {
            fit();
        }
        draw();
    }

    private void fit() {
        from = timeline.start();
        to = timeline.end().isAfter(timeline.start()) ? timeline.end() : timeline.start().plusSeconds(1);
        // a little room on the right, so the last segment and the close marker are not on the edge
        to = to.plus(Duration.between(from, to).dividedBy(40));
    }

    private void zoom(double factor) {
        Duration current = Duration.between(from, to);
        Duration next = Duration.ofMillis(Math.max(MIN_WINDOW.toMillis(), (long) (current.toMillis() * factor)));
        Instant middle = from.plus(current.dividedBy(2));
        from = middle.minus(next.dividedBy(2));
        to = from.plus(next);
        fitted = false;
        draw();
    }

    private void pan(double fraction) {
        Duration shift = Duration.ofMillis((long) (Duration.between(from, to).toMillis() * fraction));
        from = from.plus(shift);
        to = to.plus(shift);
        fitted = false;
        draw();
    }

    private void zoomToLane(int index) {
        if (index < 0 || index >= timeline.lanes().size()) {
            return;
        }
        Lane lane = timeline.lanes().get(index);
        Duration span = Duration.between(lane.from(), lane.to());
        Duration pad = span.isZero() ? MIN_WINDOW : span.dividedBy(10);
        from = lane.from().minus(pad);
        to = lane.to().plus(pad);
        fitted = false;
        draw();
    }

    private void draw() {
        canvas.getElement().setProperty("innerHTML", TimelineSvg.render(timeline, from, to, WIDTH));
        window.setText((fitted ? "Whole run: " : "Window: ") + Durations.format(Duration.between(from, to))
                + (timeline.running() ? " · live" : ""));
    }

    private static Button button(String id, VaadinIcon icon, String label, Runnable action) {
        Button b = new Button(icon.create(), e -> action.run());
        b.setId(id);
        b.setTooltipText(label);
        b.getElement().setAttribute("aria-label", label);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return b;
    }

    private static Div legend() {
        Div legend = new Div();
        legend.setId("timeline-legend");
        legend.getStyle().set("margin-left", "auto").set("font-size", "var(--lumo-font-size-xs)");
        String[][] items = {{"WAITING", "scheduled"}, {"RUNNING", "running"}, {"COMPLETED", "completed"},
            {"FAILED_ATTEMPT", "failed attempt"}, {"BACKOFF", "retry wait"}, {"FAILED", "failed"},
            {"TIMED_OUT", "timed out"}, {"FIRED", "timer"}, {"AWAITING_DECISION", "awaiting decision"},
            {"DECIDED", "decided"}};
        for (String[] item : items) {
            Span swatch = new Span();
            swatch.getStyle().set("display", "inline-block").set("width", "10px").set("height", "10px")
                    .set("margin", "0 3px 0 8px").set("background", TimelineSvg.colour(SegmentKind.valueOf(item[0])));
            legend.add(swatch, new Span(item[1]));
        }
        return legend;
    }
}
