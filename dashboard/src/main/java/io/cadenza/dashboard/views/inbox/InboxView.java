package io.cadenza.dashboard.views.inbox;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cadenza.dashboard.backend.InboxService;
import io.cadenza.dashboard.backend.InboxService.Scope;
import io.cadenza.dashboard.backend.InboxService.TaskSummary;
import io.cadenza.dashboard.security.CurrentUser;
import io.cadenza.dashboard.security.UserToken;
import io.cadenza.dashboard.views.Background;
import io.cadenza.dashboard.views.Format;
import io.cadenza.dashboard.views.MainLayout;
import io.cadenza.dashboard.views.Session;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;

/** The approval inbox of the namespace: my tasks, my groups' tasks, with overdue badges. */
@Route(value = "inbox", layout = MainLayout.class)
@PageTitle("Approval inbox · Cadenza")
public class InboxView extends VerticalLayout implements MainLayout.NamespaceAware {

    private final InboxService inbox;
    private final CurrentUser currentUser;
    private final Grid<TaskSummary> grid = new Grid<>();
    private final ProgressBar progress = Background.progressBar();
    private final Tab mine = new Tab("My tasks");
    private final Tab groups = new Tab("My groups' tasks");
    private final Tabs tabs = new Tabs(mine, groups);
    private final Checkbox includeClosed = new Checkbox("Show closed tasks");
    private final Span empty = new Span();

    @Inject
    public InboxView(InboxService inbox, CurrentUser currentUser) {
        this.inbox = inbox;
        this.currentUser = currentUser;
        mine.setId("tab-mine");
        groups.setId("tab-groups");
        tabs.addSelectedChangeListener(e -> refresh());
        includeClosed.addValueChangeListener(e -> refresh());
        grid.setId("tasks");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(TaskSummary::title).setHeader("Task").setAutoWidth(true).setFlexGrow(2);
        grid.addComponentColumn(t -> {
            HorizontalLayout badges = new HorizontalLayout(Format.badge(t.state()));
            if (t.overdueAt(Instant.now())) {
                Span overdue = Format.badge("overdue");
                overdue.addClassName("overdue");
                badges.add(overdue);
            }
            return badges;
        }).setHeader("State").setAutoWidth(true);
        grid.addColumn(t -> "P" + t.priority()).setHeader("Priority").setAutoWidth(true);
        grid.addColumn(t -> Format.time(t.dueAt())).setHeader("Due").setAutoWidth(true);
        grid.addColumn(t -> t.assignee() == null ? "" : t.assignee()).setHeader("Assignee").setAutoWidth(true);
        grid.addColumn(t -> String.join(", ", t.candidateGroups())).setHeader("Groups").setAutoWidth(true);
        grid.addColumn(TaskSummary::workflowId).setHeader("Workflow").setAutoWidth(true);
        grid.addColumn(t -> Format.time(t.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addItemClickListener(e -> UI.getCurrent().navigate(TaskView.class,
                com.vaadin.flow.router.QueryParameters.simple(Map.of("ns", Session.namespace(),
                        "id", e.getItem().id()))));
        grid.setAllRowsVisible(true);
        empty.setId("inbox-empty");
        HorizontalLayout bar = new HorizontalLayout(tabs, includeClosed);
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        add(new H2("Approval inbox"), bar, progress, grid, empty);
        refresh();
    }

    @Override
    public void namespaceChanged(String namespace) {
        refresh();
    }

    private void refresh() {
        String namespace = Session.namespace();
        if (namespace == null) {
            empty.setText("You have no namespace yet.");
            return;
        }
        UserToken user = currentUser.get();
        Scope scope = tabs.getSelectedTab() == groups ? Scope.GROUPS : Scope.MINE;
        boolean closed = includeClosed.getValue();
        Background.run(progress, () -> inbox.list(user, namespace, scope, closed), tasks -> {
            grid.setItems(tasks);
            empty.setText(tasks.isEmpty() ? "No tasks here." : "");
        });
    }
}
