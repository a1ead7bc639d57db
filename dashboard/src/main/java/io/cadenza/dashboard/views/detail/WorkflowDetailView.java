package io.cadenza.dashboard.views.detail;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.cadenza.dashboard.backend.PayloadText;
import io.cadenza.dashboard.backend.QueueWaits;
import io.cadenza.dashboard.backend.TaskQueueService;
import io.cadenza.dashboard.backend.RunTimeline;
import io.cadenza.dashboard.backend.WorkflowService;
import io.cadenza.dashboard.security.CurrentUser;
import io.cadenza.dashboard.security.UserToken;
import io.cadenza.dashboard.views.Background;
import io.cadenza.dashboard.views.Format;
import io.cadenza.dashboard.views.Live;
import io.cadenza.dashboard.views.MainLayout;
import io.cadenza.dashboard.views.Notify;
import io.cadenza.dashboard.views.Session;
import io.cadenza.dashboard.views.taskqueues.TaskQueueView;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One workflow run: summary with input and result or failure cause chain, the history (timeline, compact, JSON),
 * pending activities, parent/children/continue-as-new links, the call stack and queries, and the actions.
 */
@Route(value = "workflow", layout = MainLayout.class)
@PageTitle("Workflow · Cadenza")
public class WorkflowDetailView extends VerticalLayout implements BeforeEnterObserver {

    /** How often an open run's page looks for news. */
    static final int LIVE_MILLIS = 2000;

    private final WorkflowService workflows;
    private final TaskQueueService taskQueues;
    private final CurrentUser currentUser;
    private final ProgressBar progress = Background.progressBar();
    private final Div body = new Div();
    private String namespace;
    private String workflowId;
    private String runId;
    /** What the page shows now, so a live tick redraws only when the run moved. */
    private long shownHistoryLength = -1;
    private WorkflowExecutionStatus shownStatus;
    private List<HistoryEvent> shownHistory = List.of();
    private TimelineGraph graph;
    private HistoryPanel historyPanel;
    private Component queries;
    private boolean ticking;

    @Inject
    public WorkflowDetailView(WorkflowService workflows, TaskQueueService taskQueues, CurrentUser currentUser) {
        this.workflows = workflows;
        this.taskQueues = taskQueues;
        this.currentUser = currentUser;
        body.setWidthFull();
        add(progress, body);
    }

    /** Navigates to a run's page. */
    public static void open(String namespace, String workflowId, String runId) {
        UI.getCurrent().navigate("workflow", query(namespace, workflowId, runId));
    }

    static QueryParameters query(String namespace, String workflowId, String runId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ns", namespace);
        params.put("id", workflowId);
        if (runId != null && !runId.isEmpty()) {
            params.put("run", runId);
        }
        return QueryParameters.simple(params);
    }

    static Anchor link(String namespace, String workflowId, String runId, String text) {
        return new Anchor("workflow?" + query(namespace, workflowId, runId).getQueryString(), text);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> params = event.getLocation().getQueryParameters().getParameters();
        namespace = first(params, "ns");
        workflowId = first(params, "id");
        runId = first(params, "run");
        if (namespace == null || workflowId == null) {
            body.removeAll();
            body.add(new H2("No workflow chosen"));
            return;
        }
        if (!namespace.equals(Session.namespace()) && Session.namespaces().stream()
                .anyMatch(n -> n.id().equals(namespace))) {
            Session.namespace(namespace);
        }
        graph = null;
        historyPanel = null;
        queries = null;
        shownHistoryLength = -1;
        load();
    }

    /**
     * A live tick while the run is open: one DescribeWorkflowExecution; the history is read again only when its
     * length or the status changed. The timeline is redrawn on every tick (open segments grow with the clock).
     */
    private void tick() {
        if (ticking || runId == null) {
            return;
        }
        ticking = true;
        UserToken user = currentUser.get();
        String run = runId;
        long knownLength = shownHistoryLength;
        WorkflowExecutionStatus knownStatus = shownStatus;
        record Fresh(DescribeWorkflowExecutionResponse describe, List<HistoryEvent> history) {
        }
        Background.run(null, () -> {
            DescribeWorkflowExecutionResponse describe = workflows.describe(user, namespace, workflowId, run);
            var info = describe.getWorkflowExecutionInfo();
            boolean moved = info.getHistoryLength() != knownLength || info.getStatus() != knownStatus;
            return new Fresh(describe, moved ? workflows.history(user, namespace, workflowId, run) : null);
        }, fresh -> {
            ticking = false;
            if (!fresh.describe().getWorkflowExecutionInfo().getExecution().getRunId().equals(runId)) {
                return; // the page moved on to another run meanwhile
            }
            if (fresh.history() != null) {
                show(fresh.describe(), fresh.history());
            } else if (graph != null) {
                graph.update(RunTimeline.build(shownHistory, fresh.describe().getPendingActivitiesList(),
                        Instant.now()));
            }
        }, error -> ticking = false);
    }

    private void load() {
        UserToken user = currentUser.get();
        record Loaded(DescribeWorkflowExecutionResponse describe, List<HistoryEvent> history) {
        }
        Background.run(progress, () -> {
            DescribeWorkflowExecutionResponse describe = workflows.describe(user, namespace, workflowId, runId);
            String run = describe.getWorkflowExecutionInfo().getExecution().getRunId();
            return new Loaded(describe, workflows.history(user, namespace, workflowId, run));
        }, loaded -> show(loaded.describe(), loaded.history()), error -> {
            body.removeAll();
            body.add(new H2(workflowId), new Span(Notify.message(error)));
            Notify.error(error);
        });
    }

    private void show(DescribeWorkflowExecutionResponse describe, List<HistoryEvent> history) {
        var info = describe.getWorkflowExecutionInfo();
        runId = info.getExecution().getRunId();
        shownHistoryLength = info.getHistoryLength();
        shownStatus = info.getStatus();
        shownHistory = history;
        boolean running = info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        if (running) {
            Live.every(this, LIVE_MILLIS, this::tick);
        } else {
            Live.stop(this);
        }
        body.removeAll();
        String status = Format.status(info.getStatus());
        Span badge = Format.badge(status);
        badge.setId("workflow-status");
        H2 title = new H2(workflowId);
        HorizontalLayout header = new HorizontalLayout(title, badge);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        body.add(header, actions(info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
                history));

        FormLayout summary = new FormLayout();
        summary.setId("summary");
        summary.addFormItem(new Span(runId), "Run id");
        summary.addFormItem(new Span(info.getType().getName()), "Type");
        Anchor queueLink = TaskQueueView.link(namespace, info.getTaskQueue(), info.getTaskQueue());
        queueLink.setId("task-queue-link");
        summary.addFormItem(queueLink, "Task queue");
        summary.addFormItem(new Span(Format.time(info.getStartTime())), "Start");
        summary.addFormItem(new Span(Format.time(info.getCloseTime())), "Close");
        summary.addFormItem(new Span(Long.toString(info.getHistoryLength())), "History events");
        body.add(summary);
        if (running) {
            body.add(queueHint(QueueWaits.of(info.getTaskQueue(), history, describe.getPendingActivitiesList())));
        }
        HistoryFacts facts = HistoryFacts.of(history);
        body.add(new H3("Input"), pre("input", facts.input()));
        if (facts.result() != null) {
            body.add(new H3("Result"), pre("result", facts.result()));
        }
        if (facts.failure() != null) {
            body.add(new H3("Failure"), pre("failure", facts.failure()));
        }
        body.add(new H3("Relations"), relations(describe, facts));
        RunTimeline.Timeline timeline = RunTimeline.build(history, describe.getPendingActivitiesList(),
                Instant.now());
        if (graph == null) {
            graph = new TimelineGraph(timeline);
        } else {
            graph.update(timeline);
        }
        int tab = historyPanel == null ? 0 : historyPanel.getSelectedIndex();
        historyPanel = new HistoryPanel(workflowId, runId, history);
        historyPanel.setSelectedIndex(tab);
        body.add(new H3("Timeline"), graph, new H3("History"), historyPanel);
        if (history.size() >= WorkflowService.MAX_HISTORY_EVENTS) {
            body.add(new Span("Only the first " + WorkflowService.MAX_HISTORY_EVENTS + " events are shown."));
        }
        body.add(new H3("Pending activities"), pendingActivities(describe.getPendingActivitiesList()));
        if (queries == null) {
            queries = queries();
        }
        body.add(new H3("Call stack and queries"), queries);
    }

    /**
     * "Waiting for a worker": when the run waits on a queue (a workflow task nobody started, an activity scheduled
     * and not started), one DescribeTaskQueue per such queue; a queue without pollers gets a hint and a link.
     */
    private Component queueHint(Set<QueueWaits.Wait> waits) {
        Div hint = new Div();
        hint.setId("queue-hint");
        if (waits.isEmpty()) {
            return hint;
        }
        UserToken user = currentUser.get();
        String ns = namespace;
        Background.run(null, () -> waits.stream().map(w -> taskQueues.describe(user, ns, w.queue(), w.type()))
                .filter(q -> !q.hasPollers()).toList(), idle -> {
                    for (TaskQueueService.QueueState q : idle) {
                        String kind = q.type() == TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW ? "workflow" : "activity";
                        Span text = new Span("Waiting for a worker: no worker polls task queue '" + q.name()
                                + "' for " + kind + " tasks (backlog " + q.backlog() + "). ");
                        Anchor open = TaskQueueView.link(ns, q.name(), "Open the task queue");
                        Div line = new Div(Format.badge("No pollers"), text, open);
                        line.getStyle().set("padding", "var(--lumo-space-s)")
                                .set("background", "var(--lumo-error-color-10pct)")
                                .set("border-radius", "var(--lumo-border-radius-m)");
                        hint.add(line);
                    }
                }, error -> { });
        return hint;
    }

    private Component actions(boolean running, List<HistoryEvent> history) {
        UserToken user = currentUser.get();
        Button signal = new Button("Signal", e -> ActionDialogs.signal(workflowId, input -> act("Signal sent",
                () -> workflows.signal(user, namespace, workflowId, runId, input.name(), input.json()))));
        signal.setId("action-signal");
        Button cancel = new Button("Cancel", e -> ActionDialogs.cancel(workflowId, () -> act("Cancellation requested",
                () -> workflows.cancel(user, namespace, workflowId, runId))));
        cancel.setId("action-cancel");
        Button terminate = new Button("Terminate", e -> ActionDialogs.terminate(workflowId, reason ->
                act("Workflow terminated", () -> workflows.terminate(user, namespace, workflowId, runId, reason))));
        terminate.setId("action-terminate");
        terminate.addThemeVariants(ButtonVariant.LUMO_ERROR);
        Button reset = new Button("Reset", e -> ActionDialogs.reset(workflowId, history, input -> {
            Background.run(progress, () -> workflows.reset(user, namespace, workflowId, runId, input.eventId(),
                    input.reason()), newRun -> {
                        Notify.success("Reset: new run " + newRun);
                        open(namespace, workflowId, newRun);
                    });
        }));
        reset.setId("action-reset");
        signal.setEnabled(running);
        cancel.setEnabled(running);
        terminate.setEnabled(running);
        Button refresh = new Button("Refresh", e -> load());
        refresh.setId("workflow-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return new HorizontalLayout(signal, cancel, terminate, reset, refresh);
    }

    private void act(String done, Runnable action) {
        Background.run(progress, () -> {
            action.run();
            return true;
        }, ok -> {
            Notify.success(done);
            load();
        }, error -> {
            // a refusal usually means the page is out of date (e.g. the run closed meanwhile): show it as it is now
            Notify.error(error);
            load();
        });
    }

    private Component relations(DescribeWorkflowExecutionResponse describe, HistoryFacts facts) {
        VerticalLayout links = new VerticalLayout();
        links.setPadding(false);
        links.setSpacing(false);
        links.setId("relations");
        var info = describe.getWorkflowExecutionInfo();
        if (info.hasParentExecution() && !info.getParentExecution().getWorkflowId().isEmpty()) {
            var parent = info.getParentExecution();
            links.add(new HorizontalLayout(new Span("Parent:"), link(info.getParentNamespaceId().isEmpty()
                    ? namespace : namespace, parent.getWorkflowId(), parent.getRunId(), parent.getWorkflowId())));
        }
        if (facts.continuedFromRunId() != null) {
            links.add(new HorizontalLayout(new Span("Continued from run:"),
                    link(namespace, workflowId, facts.continuedFromRunId(), facts.continuedFromRunId())));
        }
        if (facts.continuedAsNewRunId() != null) {
            links.add(new HorizontalLayout(new Span("Continued as new run:"),
                    link(namespace, workflowId, facts.continuedAsNewRunId(), facts.continuedAsNewRunId())));
        }
        for (HistoryFacts.Child child : facts.children()) {
            links.add(new HorizontalLayout(new Span("Child " + child.type() + ":"),
                    link(namespace, child.workflowId(), child.runId(), child.workflowId())));
        }
        for (var pending : describe.getPendingChildrenList()) {
            if (facts.children().stream().noneMatch(c -> c.workflowId().equals(pending.getWorkflowId()))) {
                links.add(new HorizontalLayout(new Span("Child " + pending.getWorkflowTypeName() + ":"),
                        link(namespace, pending.getWorkflowId(), pending.getRunId(), pending.getWorkflowId())));
            }
        }
        if (links.getComponentCount() == 0) {
            links.add(new Span("No parent, children or continue-as-new runs."));
        }
        return links;
    }

    private static Component pendingActivities(List<PendingActivityInfo> pending) {
        if (pending.isEmpty()) {
            Span none = new Span("None.");
            none.setId("pending-activities");
            return none;
        }
        Grid<PendingActivityInfo> grid = new Grid<>();
        grid.setId("pending-activities");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(PendingActivityInfo::getActivityId).setHeader("Activity id").setAutoWidth(true);
        grid.addColumn(p -> p.getActivityType().getName()).setHeader("Type").setAutoWidth(true);
        grid.addColumn(p -> Format.status(p.getState())).setHeader("State").setAutoWidth(true);
        grid.addColumn(p -> p.getAttempt() + (p.getMaximumAttempts() > 0 ? " / " + p.getMaximumAttempts() : ""))
                .setHeader("Attempt").setAutoWidth(true);
        grid.addColumn(p -> Format.time(p.getLastHeartbeatTime())).setHeader("Last heartbeat").setAutoWidth(true);
        grid.addColumn(p -> PayloadText.show(p.getHeartbeatDetails())).setHeader("Heartbeat details");
        grid.addColumn(p -> p.hasLastFailure() ? PayloadText.causeChain(p.getLastFailure()) : "")
                .setHeader("Last failure").setAutoWidth(true);
        grid.addColumn(p -> Format.time(p.getScheduledTime())).setHeader("Next attempt / scheduled");
        grid.setItems(pending);
        return grid;
    }

    private Component queries() {
        UserToken user = currentUser.get();
        Pre answer = new Pre();
        answer.setId("query-result");
        answer.getStyle().set("max-height", "20em").set("overflow", "auto");
        TextField name = new TextField("Query name");
        name.setId("query-name");
        TextField args = new TextField("Arguments (JSON, optional)");
        Button stack = new Button("Call stack", e -> Background.run(progress, () -> workflows.query(user, namespace,
                workflowId, runId, "__stack_trace", ""), answer::setText));
        stack.setId("query-stack");
        Button run = new Button("Run query", e -> Background.run(progress, () -> workflows.query(user, namespace,
                workflowId, runId, name.getValue().trim(), args.getValue()), answer::setText));
        run.setId("query-run");
        HorizontalLayout row = new HorizontalLayout(stack, name, args, run);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        VerticalLayout layout = new VerticalLayout(row, answer);
        layout.setPadding(false);
        return layout;
    }

    private static Pre pre(String id, String text) {
        Pre pre = new Pre(text == null || text.isEmpty() ? "(none)" : text);
        pre.setId(id);
        pre.getStyle().set("max-height", "16em").set("overflow", "auto").set("white-space", "pre-wrap");
        return pre;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }
}
