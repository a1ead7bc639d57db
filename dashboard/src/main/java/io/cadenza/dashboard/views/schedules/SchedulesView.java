package io.cadenza.dashboard.views.schedules;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cadenza.dashboard.backend.ScheduleService;
import io.cadenza.dashboard.security.CurrentUser;
import io.cadenza.dashboard.security.UserToken;
import io.cadenza.dashboard.views.Background;
import io.cadenza.dashboard.views.Format;
import io.cadenza.dashboard.views.MainLayout;
import io.cadenza.dashboard.views.Session;
import io.temporal.api.schedule.v1.ScheduleListEntry;
import io.temporal.api.workflowservice.v1.DescribeScheduleResponse;
import jakarta.inject.Inject;
import io.temporal.api.schedule.v1.ScheduleActionResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** Schedules of the namespace: list, describe (next runs, recent actions), pause/unpause, trigger now. */
@Route(value = "schedules", layout = MainLayout.class)
@PageTitle("Schedules · Cadenza")
public class SchedulesView extends VerticalLayout implements MainLayout.NamespaceAware {

    private final ScheduleService schedules;
    private final CurrentUser currentUser;
    private final Grid<ScheduleListEntry> grid = new Grid<>();
    private final VerticalLayout detail = new VerticalLayout();
    private final ProgressBar progress = Background.progressBar();

    @Inject
    public SchedulesView(ScheduleService schedules, CurrentUser currentUser) {
        this.schedules = schedules;
        this.currentUser = currentUser;
        grid.setId("schedules");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(ScheduleListEntry::getScheduleId).setHeader("Schedule id").setAutoWidth(true);
        grid.addColumn(s -> s.getInfo().getWorkflowType().getName()).setHeader("Workflow type").setAutoWidth(true);
        grid.addComponentColumn(s -> Format.badge(s.getInfo().getPaused() ? "Paused" : "Active")).setHeader("State");
        grid.addColumn(s -> s.getInfo().getFutureActionTimesList().stream().limit(1).map(Format::time)
                .collect(Collectors.joining())).setHeader("Next run").setAutoWidth(true);
        grid.addColumn(s -> s.getInfo().getNotes()).setHeader("Notes");
        grid.setAllRowsVisible(true);
        grid.addItemClickListener(e -> describe(e.getItem().getScheduleId()));
        detail.setPadding(false);
        add(new H2("Schedules"), progress, grid, detail);
        refresh();
    }

    @Override
    public void namespaceChanged(String namespace) {
        detail.removeAll();
        refresh();
    }

    private void refresh() {
        String namespace = Session.namespace();
        if (namespace == null) {
            return;
        }
        UserToken user = currentUser.get();
        Background.run(progress, () -> schedules.list(user, namespace), grid::setItems);
    }

    private void describe(String scheduleId) {
        String namespace = Session.namespace();
        UserToken user = currentUser.get();
        Background.run(progress, () -> schedules.describe(user, namespace, scheduleId),
                d -> showDetail(namespace, scheduleId, d));
    }

    private void showDetail(String namespace, String scheduleId, DescribeScheduleResponse d) {
        UserToken user = currentUser.get();
        detail.removeAll();
        boolean paused = d.getSchedule().getState().getPaused();
        Button pause = new Button(paused ? "Unpause" : "Pause", e -> act(() ->
                schedules.pause(user, namespace, scheduleId, !paused, null), scheduleId,
                "Schedule " + scheduleId + (paused ? " unpaused" : " paused")));
        pause.setId("schedule-pause");
        Button trigger = new Button("Trigger now", e -> act(() ->
                schedules.triggerNow(user, namespace, scheduleId), scheduleId,
                "Schedule " + scheduleId + " triggered: its run shows under Recent actions"));
        trigger.setId("schedule-trigger");
        Button reload = new Button("Refresh", e -> describe(scheduleId));
        reload.setId("schedule-refresh");
        reload.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var info = d.getInfo();
        String next = info.getFutureActionTimesList().stream().limit(5).map(Format::time)
                .collect(Collectors.joining("\n"));
        // newest first, like the workflow list
        List<ScheduleActionResult> actions = new ArrayList<>(info.getRecentActionsList());
        Collections.reverse(actions);
        String recent = actions.stream().map(a -> Format.time(a.getActualTime()) + "  "
                + a.getStartWorkflowResult().getWorkflowId() + "  " + a.getStartWorkflowResult().getRunId())
                .collect(Collectors.joining("\n"));
        String running = info.getRunningWorkflowsList().stream()
                .map(w -> w.getWorkflowId() + "  " + w.getRunId()).collect(Collectors.joining("\n"));
        H3 title = new H3(scheduleId + (paused ? " (paused)" : ""));
        title.setId("schedule-title");
        String notes = d.getSchedule().getState().getNotes();
        Span state = new Span(notes.isEmpty() ? "" : "Note: " + notes);
        state.setId("schedule-notes");
        detail.add(title, state, new HorizontalLayout(pause, trigger, reload),
                new H3("Next runs"), pre("schedule-next-runs", next),
                new H3("Recent actions"), pre("schedule-recent-actions", recent),
                new H3("Running now"), pre("schedule-running", running));
    }

    private static Pre pre(String id, String text) {
        Pre pre = new Pre(text.isEmpty() ? "(none)" : text);
        pre.setId(id);
        return pre;
    }

    private void act(Runnable action, String scheduleId, String done) {
        Background.run(progress, () -> {
            action.run();
            return true;
        }, ok -> {
            io.cadenza.dashboard.views.Notify.success(done);
            refresh();
            describe(scheduleId);
        });
    }

    List<ScheduleListEntry> items() {
        return grid.getListDataView().getItems().toList();
    }
}
