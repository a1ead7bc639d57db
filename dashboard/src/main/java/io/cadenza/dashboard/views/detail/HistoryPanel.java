package io.cadenza.dashboard.views.detail;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.server.StreamResource;
import io.cadenza.dashboard.backend.Durations;
import io.cadenza.dashboard.backend.HistoryTimeline;
import io.cadenza.dashboard.backend.HistoryTimeline.Row;
import io.cadenza.dashboard.views.Format;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** A history three ways: the grouped timeline, the compact event list, and raw JSON with a download link. */
class HistoryPanel extends TabSheet {

    private static final JsonFormat.Printer JSON = JsonFormat.printer();
    private static final JsonFormat.Printer ONE_LINE = JsonFormat.printer().omittingInsignificantWhitespace();

    HistoryPanel(String workflowId, String runId, List<HistoryEvent> events) {
        setId("history");
        add("Timeline", timeline(events)).setId("tab-timeline");
        add("Compact", compact(events)).setId("tab-compact");
        add("JSON", json(workflowId, runId, events)).setId("tab-json");
        setWidthFull();
    }

    private static Grid<Row> timeline(List<HistoryEvent> events) {
        Grid<Row> grid = new Grid<>();
        grid.setId("timeline");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(Row::label).setHeader("What").setAutoWidth(true).setFlexGrow(2);
        grid.addComponentColumn(r -> Format.badge(r.status())).setHeader("Status").setAutoWidth(true);
        grid.addColumn(r -> r.attempts() == 0 ? "" : Integer.toString(r.attempts())).setHeader("Attempts")
                .setAutoWidth(true);
        grid.addColumn(r -> Format.time(r.start())).setHeader("Start").setAutoWidth(true);
        grid.addColumn(r -> Durations.format(r.scheduleToStart())).setHeader("Schedule to start").setAutoWidth(true);
        grid.addColumn(r -> Durations.format(r.startToClose())).setHeader("Start to close").setAutoWidth(true);
        grid.addColumn(r -> r.end() == null ? "open" : Durations.format(r.total())).setHeader("Total")
                .setAutoWidth(true);
        grid.addColumn(r -> r.eventIds().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                .setHeader("Events").setAutoWidth(true);
        grid.setItems(HistoryTimeline.group(events));
        grid.setHeight("28em");
        return grid;
    }

    private static Grid<HistoryEvent> compact(List<HistoryEvent> events) {
        Grid<HistoryEvent> grid = new Grid<>();
        grid.setId("compact");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(HistoryEvent::getEventId).setHeader("Id").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> Format.time(e.getEventTime())).setHeader("Time").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> HistoryTimeline.eventName(e.getEventType())).setHeader("Event").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(HistoryPanel::attributes).setHeader("Details").setFlexGrow(1);
        grid.setItems(events);
        grid.setHeight("28em");
        return grid;
    }

    private static VerticalLayout json(String workflowId, String runId, List<HistoryEvent> events) {
        String text = print(History.newBuilder().addAllEvents(events).build(), JSON);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String fileName = (workflowId + "_" + runId).replaceAll("[^A-Za-z0-9._-]", "_") + "_history.json";
        Anchor download = new Anchor(new StreamResource(fileName, () -> new ByteArrayInputStream(bytes)),
                "Download JSON");
        download.getElement().setAttribute("download", true);
        download.setId("download-json");
        download.getElement().insertChild(0, VaadinIcon.DOWNLOAD.create().getElement());
        Pre pre = new Pre(text);
        pre.setId("history-json");
        pre.getStyle().set("max-height", "28em").set("overflow", "auto").set("font-size", "var(--lumo-font-size-xs)");
        VerticalLayout layout = new VerticalLayout(download, pre);
        layout.setPadding(false);
        return layout;
    }

    /** The event's attributes on one line (the compact list's details column). */
    private static String attributes(HistoryEvent e) {
        HistoryEvent stripped = e.toBuilder().clearEventId().clearEventTime().clearEventType().clearTaskId()
                .clearVersion().build();
        String text = print(stripped, ONE_LINE);
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    static String print(com.google.protobuf.MessageOrBuilder message, JsonFormat.Printer printer) {
        try {
            return printer.print(message);
        } catch (InvalidProtocolBufferException e) {
            return "(not printable: " + e.getMessage() + ")";
        }
    }
}
