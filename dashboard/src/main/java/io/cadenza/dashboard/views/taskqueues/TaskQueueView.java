package io.cadenza.dashboard.views.taskqueues;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
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
import io.cadenza.dashboard.backend.Durations;
import io.cadenza.dashboard.backend.TaskQueueService;
import io.cadenza.dashboard.backend.TaskQueueService.QueueState;
import io.cadenza.dashboard.security.CurrentUser;
import io.cadenza.dashboard.security.UserToken;
import io.cadenza.dashboard.views.Background;
import io.cadenza.dashboard.views.Format;
import io.cadenza.dashboard.views.Live;
import io.cadenza.dashboard.views.MainLayout;
import io.cadenza.dashboard.views.Session;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A task queue as Temporal's Web UI shows it: for workflow tasks and for activity tasks, the workers polling it
 * (identity, last access, rate limit) and the backlog (count, age of the oldest task). Reached from the menu (type a
 * queue's name) and from a run's page; it updates by itself while open.
 */
@Route(value = "task-queues", layout = MainLayout.class)
@PageTitle("Task queue · Cadenza")
public class TaskQueueView extends VerticalLayout implements BeforeEnterObserver, MainLayout.NamespaceAware {

    static final int LIVE_MILLIS = 3000;

    private final TaskQueueService queues;
    private final CurrentUser currentUser;
    private final ProgressBar progress = Background.progressBar();
    private final TextField name = new TextField();
    private final Div body = new Div();
    private String shownQueue;
    private List<QueueState> shown = List.of();
    private boolean ticking;

    @Inject
    public TaskQueueView(TaskQueueService queues, CurrentUser currentUser) {
        this.queues = queues;
        this.currentUser = currentUser;
        name.setId("task-queue-name");
        name.setPlaceholder("Task queue name");
        name.setAriaLabel("Task queue name");
        name.setWidth("28em");
        name.addKeyPressListener(Key.ENTER, e -> open(name.getValue()));
        Button show = new Button("Show", e -> open(name.getValue()));
        show.setId("task-queue-show");
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout row = new HorizontalLayout(name, show);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        body.setWidthFull();
        add(new H2("Task queue"), row, progress, body);
        addAttachListener(e -> Live.every(this, LIVE_MILLIS, this::tick));
    }

    /** The link to a queue's page. */
    public static Anchor link(String namespace, String queue, String text) {
        return new Anchor("task-queues?" + query(namespace, queue).getQueryString(), text);
    }

    static QueryParameters query(String namespace, String queue) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ns", namespace);
        params.put("name", queue);
        return QueryParameters.simple(params);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> params = event.getLocation().getQueryParameters().getParameters();
        String ns = first(params, "ns");
        if (ns != null && !ns.equals(Session.namespace()) && Session.namespaces().stream()
                .anyMatch(n -> n.id().equals(ns))) {
            Session.namespace(ns);
        }
        String queue = first(params, "name");
        if (queue != null) {
            name.setValue(queue);
            load(queue);
        }
    }

    @Override
    public void namespaceChanged(String namespace) {
        if (shownQueue != null) {
            load(shownQueue);
        }
    }

    private void open(String queue) {
        if (queue == null || queue.isBlank()) {
            return;
        }
        getUI().ifPresent(ui -> ui.navigate("task-queues", query(Session.namespace(), queue.trim())));
    }

    private void load(String queue) {
        String namespace = Session.namespace();
        if (namespace == null) {
            return;
        }
        UserToken user = currentUser.get();
        Background.run(progress, () -> queues.both(user, namespace, queue), states -> show(queue, states));
    }

    /** A live tick: the same two DescribeTaskQueue calls, redrawn only when something changed. */
    private void tick() {
        String namespace = Session.namespace();
        String queue = shownQueue;
        if (ticking || queue == null || namespace == null || progress.isVisible()) {
            return;
        }
        ticking = true;
        UserToken user = currentUser.get();
        Background.run(null, () -> queues.both(user, namespace, queue), states -> {
            ticking = false;
            if (queue.equals(shownQueue) && !key(states).equals(key(shown))) {
                show(queue, states);
            }
        }, error -> ticking = false);
    }

    private static List<String> key(List<QueueState> states) {
        return states.stream().map(s -> s.type() + ":" + s.backlog() + ":" + s.backlogAge().toSeconds() + ":"
                + s.pollers().stream().map(p -> p.getIdentity() + "@" + p.getLastAccessTime().getSeconds()).toList())
                .toList();
    }

    private void show(String queue, List<QueueState> states) {
        shownQueue = queue;
        shown = states;
        body.removeAll();
        for (QueueState state : states) {
            body.add(section(state));
        }
    }

    private static Component section(QueueState state) {
        String prefix = state.type() == TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW ? "workflow" : "activity";
        VerticalLayout section = new VerticalLayout();
        section.setPadding(false);
        section.setId(prefix + "-queue");
        section.add(new H3(state.type() == TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW ? "Workflow tasks"
                : "Activity tasks"));
        Span backlog = new Span(backlogText(state));
        backlog.setId(prefix + "-backlog");
        section.add(backlog);
        if (!state.hasPollers()) {
            Span none = Format.badge("No pollers");
            none.setId(prefix + "-no-pollers");
            Span hint = new Span(" No worker has polled this queue for " + (state.type()
                    == TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW ? "workflow" : "activity") + " tasks recently: "
                    + "tasks wait here until a worker for task queue '" + state.name() + "' starts.");
            section.add(new HorizontalLayout(none, hint));
            return section;
        }
        Grid<PollerInfo> grid = new Grid<>();
        grid.setId(prefix + "-pollers");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(PollerInfo::getIdentity).setHeader("Worker identity").setAutoWidth(true).setFlexGrow(2);
        grid.addColumn(p -> Format.time(p.getLastAccessTime())).setHeader("Last access").setAutoWidth(true);
        grid.addColumn(p -> p.getRatePerSecond() > 0 ? String.format(Locale.ROOT, "%.1f / s", p.getRatePerSecond())
                : "unlimited").setHeader("Rate limit").setAutoWidth(true);
        grid.setItems(state.pollers());
        section.add(grid);
        return section;
    }

    static String backlogText(QueueState state) {
        if (state.backlog() == 0) {
            return "Backlog: none waiting.";
        }
        return "Backlog: " + state.backlog() + (state.backlog() == 1 ? " task" : " tasks") + ", the oldest waiting "
                + Durations.format(state.backlogAge()) + ".";
    }

    private static String first(Map<String, List<String>> params, String key) {
        List<String> values = params.get(key);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }
}
