package io.cadenza.dashboard.views.inbox;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cadenza.dashboard.backend.InboxService;
import io.cadenza.dashboard.backend.InboxService.Scope;
import io.cadenza.dashboard.backend.InboxService.TaskSummary;
import io.cadenza.dashboard.security.CurrentUser;
import io.cadenza.dashboard.security.UserToken;
import io.cadenza.dashboard.views.Background;
import io.cadenza.dashboard.views.Format;
import io.cadenza.dashboard.views.Live;
import io.cadenza.dashboard.views.MainLayout;
import io.cadenza.dashboard.views.Session;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The approval inbox of the namespace, written for the people who decide: what is asked (title), who asks, the
 * amount at stake, when it is due and how urgent it is; sortable by each, filterable by group and by text. My tasks
 * or my groups' tasks. It updates by itself: a new task for one of the user's groups appears within seconds.
 */
@Route(value = "inbox", layout = MainLayout.class)
@PageTitle("Approval inbox · Cadenza")
public class InboxView extends VerticalLayout implements MainLayout.NamespaceAware {

    /** How often the open inbox looks for news (one list call). */
    static final int LIVE_MILLIS = 3000;

    private final InboxService inbox;
    private final CurrentUser currentUser;
    private final Grid<TaskSummary> grid = new Grid<>();
    private final ProgressBar progress = Background.progressBar();
    private final Tab mine = new Tab("My tasks");
    private final Tab groups = new Tab("My groups' tasks");
    private final Tabs tabs = new Tabs(mine, groups);
    private final Checkbox includeClosed = new Checkbox("Show closed tasks");
    private final ComboBox<String> groupFilter = new ComboBox<>();
    private final TextField search = new TextField();
    private final Span empty = new Span();
    private List<TaskSummary> tasks = List.of();
    private boolean ticking;

    @Inject
    public InboxView(InboxService inbox, CurrentUser currentUser) {
        this.inbox = inbox;
        this.currentUser = currentUser;
        mine.setId("tab-mine");
        groups.setId("tab-groups");
        tabs.addSelectedChangeListener(e -> refresh());
        includeClosed.addValueChangeListener(e -> refresh());
        groupFilter.setId("inbox-group");
        groupFilter.setPlaceholder("All groups");
        groupFilter.setClearButtonVisible(true);
        groupFilter.setAriaLabel("Group");
        groupFilter.addValueChangeListener(e -> show());
        search.setId("inbox-search");
        search.setPlaceholder("Search title or requester");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> show());

        grid.setId("tasks");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        Grid.Column<TaskSummary> priority = grid.addComponentColumn(InboxView::priorityBadge).setHeader("Priority")
                .setComparator(Comparator.comparingInt(TaskSummary::priority)).setSortable(true).setAutoWidth(true)
                .setFlexGrow(0).setKey("priority");
        grid.addColumn(TaskSummary::title).setHeader("Request").setComparator(t -> t.title() == null ? ""
                : t.title().toLowerCase(Locale.ROOT)).setSortable(true).setAutoWidth(true).setFlexGrow(2)
                .setKey("title");
        grid.addColumn(t -> t.requester() == null ? "" : t.requester()).setHeader("Requested by")
                .setComparator(t -> t.requester() == null ? "" : t.requester().toLowerCase(Locale.ROOT))
                .setSortable(true).setAutoWidth(true).setKey("requester");
        grid.addColumn(t -> t.amount() == null ? "" : t.amount()).setHeader("Amount")
                .setComparator(Comparator.comparing(TaskSummary::amountValue,
                        Comparator.nullsFirst(Comparator.<BigDecimal>naturalOrder())))
                .setSortable(true).setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setKey("amount");
        Grid.Column<TaskSummary> due = grid.addComponentColumn(InboxView::dueCell).setHeader("Due")
                .setComparator(Comparator.comparing(TaskSummary::dueAt,
                        Comparator.nullsLast(Comparator.<Instant>naturalOrder())))
                .setSortable(true).setAutoWidth(true).setKey("due");
        grid.addComponentColumn(t -> Format.badge(t.state())).setHeader("State").setAutoWidth(true)
                .setComparator(t -> t.state() == null ? "" : t.state()).setSortable(true).setKey("state");
        grid.addColumn(t -> t.assignee() == null ? "" : t.assignee()).setHeader("Assignee").setAutoWidth(true)
                .setKey("assignee");
        grid.addColumn(t -> String.join(", ", t.candidateGroups())).setHeader("Groups").setAutoWidth(true)
                .setKey("groups");
        grid.addColumn(t -> Format.time(t.createdAt())).setHeader("Asked")
                .setComparator(Comparator.comparing(TaskSummary::createdAt,
                        Comparator.nullsLast(Comparator.<Instant>naturalOrder())))
                .setSortable(true).setAutoWidth(true).setKey("created");
        grid.addColumn(TaskSummary::workflowId).setHeader("Workflow").setAutoWidth(true).setKey("workflow");
        grid.setMultiSort(true);
        grid.sort(List.of(new GridSortOrder<>(priority, SortDirection.ASCENDING),
                new GridSortOrder<>(due, SortDirection.ASCENDING)));
        grid.addItemClickListener(e -> UI.getCurrent().navigate(TaskView.class,
                com.vaadin.flow.router.QueryParameters.simple(Map.of("ns", Session.namespace(),
                        "id", e.getItem().id()))));
        grid.setAllRowsVisible(true);
        empty.setId("inbox-empty");
        HorizontalLayout bar = new HorizontalLayout(tabs, groupFilter, search, includeClosed);
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        add(new H2("Approval inbox"), bar, progress, grid, empty);
        refresh();
        addAttachListener(e -> Live.every(this, LIVE_MILLIS, this::tick));
    }

    @Override
    public void namespaceChanged(String namespace) {
        refresh();
    }

    private Scope scope() {
        return tabs.getSelectedTab() == groups ? Scope.GROUPS : Scope.MINE;
    }

    private void refresh() {
        String namespace = Session.namespace();
        if (namespace == null) {
            empty.setText("You have no namespace yet.");
            return;
        }
        UserToken user = currentUser.get();
        Scope scope = scope();
        boolean closed = includeClosed.getValue();
        Background.run(progress, () -> inbox.list(user, namespace, scope, closed), this::setTasks);
    }

    /** A live tick: the same list call; the grid changes only when a task came, went or changed hands. */
    private void tick() {
        String namespace = Session.namespace();
        if (ticking || namespace == null || progress.isVisible()) {
            return;
        }
        ticking = true;
        UserToken user = currentUser.get();
        Scope scope = scope();
        boolean closed = includeClosed.getValue();
        Background.run(null, () -> inbox.list(user, namespace, scope, closed), fresh -> {
            ticking = false;
            if (scope == scope() && closed == includeClosed.getValue() && namespace.equals(Session.namespace())
                    && !key(fresh).equals(key(tasks))) {
                setTasks(fresh);
            }
        }, error -> ticking = false);
    }

    private static List<String> key(List<TaskSummary> list) {
        return list.stream().map(t -> t.id() + "|" + t.state() + "|" + t.assignee() + "|" + t.overdue()).toList();
    }

    private void setTasks(List<TaskSummary> fresh) {
        tasks = fresh;
        TreeSet<String> names = new TreeSet<>();
        fresh.forEach(t -> names.addAll(t.candidateGroups()));
        String chosen = groupFilter.getValue();
        if (chosen != null) {
            names.add(chosen);
        }
        if (!names.equals(new TreeSet<>(groupFilter.getListDataView().getItems().toList()))) {
            groupFilter.setItems(names);
            groupFilter.setValue(chosen);
        }
        show();
    }

    /** Applies the group and text filters to the tasks last read. */
    private void show() {
        String group = groupFilter.getValue();
        String text = search.getValue() == null ? "" : search.getValue().trim().toLowerCase(Locale.ROOT);
        List<TaskSummary> shown = tasks.stream()
                .filter(t -> group == null || t.candidateGroups().contains(group))
                .filter(t -> text.isEmpty() || contains(t.title(), text) || contains(t.requester(), text))
                .toList();
        grid.setItems(shown);
        empty.setText(tasks.isEmpty() ? "No tasks here." : shown.isEmpty() ? "No task matches the filter." : "");
    }

    private static boolean contains(String value, String lowerText) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lowerText);
    }

    private static Span priorityBadge(TaskSummary t) {
        String[] words = {"", "urgent", "high", "normal", "low", "lowest"};
        int p = Math.max(1, Math.min(5, t.priority()));
        Span badge = new Span("P" + p + " " + words[p]);
        String theme = "badge pill small" + (p == 1 ? " error primary" : p == 2 ? " error" : p >= 4 ? " contrast" : "");
        badge.getElement().getThemeList().addAll(List.of(theme.split(" ")));
        badge.getElement().setAttribute("data-priority", Integer.toString(p));
        return badge;
    }

    private static HorizontalLayout dueCell(TaskSummary t) {
        HorizontalLayout cell = new HorizontalLayout(new Span(t.dueAt() == null ? "" : Format.time(t.dueAt())));
        cell.setSpacing(true);
        if (t.overdueAt(Instant.now())) {
            Span overdue = Format.badge("overdue");
            overdue.addClassName("overdue");
            cell.add(overdue);
        }
        return cell;
    }
}
