package io.cadenza.dashboard.views.workflows;

import com.google.protobuf.ByteString;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.cadenza.dashboard.backend.ListFilter;
import io.cadenza.dashboard.backend.SavedViews;
import io.cadenza.dashboard.backend.SavedViews.View;
import io.cadenza.dashboard.backend.WorkflowService;
import io.cadenza.dashboard.backend.WorkflowService.Page;
import io.cadenza.dashboard.security.CurrentUser;
import io.cadenza.dashboard.security.UserToken;
import io.cadenza.dashboard.views.Background;
import io.cadenza.dashboard.views.Live;
import io.cadenza.dashboard.views.Format;
import io.cadenza.dashboard.views.MainLayout;
import io.cadenza.dashboard.views.Notify;
import io.cadenza.dashboard.views.Session;
import io.cadenza.dashboard.views.detail.WorkflowDetailView;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Workflow search: counts per status, the filter builder, the query field (the same list-filter language), saved
 * views, and a keyset-paged list (the server's page token), which stays fast however many executions there are.
 */
@Route(value = "workflows", layout = MainLayout.class)
@RouteAlias(value = "", layout = MainLayout.class)
@PageTitle("Workflows · Cadenza")
public class WorkflowsView extends VerticalLayout implements MainLayout.NamespaceAware {

    static final int PAGE_SIZE = 50;

    /** How often the list looks for news. */
    static final int LIVE_MILLIS = 4000;

    private final WorkflowService workflows;
    private final io.cadenza.dashboard.backend.BatchService batches;
    private final SavedViews savedViews;
    private final CurrentUser currentUser;

    private final HorizontalLayout counts = new HorizontalLayout();
    private final TextField query = new TextField();
    private final ComboBox<View> views = new ComboBox<>();
    private final Grid<WorkflowExecutionInfo> grid = new Grid<>();
    private final ProgressBar progress = Background.progressBar();
    private final Button previous = new Button("Previous");
    private final Button next = new Button("Next");
    private final Span pageLabel = new Span();
    private final Span emptyNotice = new Span();
    /** Tokens of the pages before the current one, for "Previous"; the server pages forward only. */
    private final List<ByteString> tokens = new ArrayList<>();
    private ByteString nextToken = ByteString.EMPTY;
    private String runningQuery = "";
    /** The current page as shown, and a live tick in flight. */
    private ByteString shownToken = ByteString.EMPTY;
    private List<WorkflowExecutionInfo> shownRows = List.of();
    private Map<String, Long> shownCounts = Map.of();
    private boolean ticking;

    @Inject
    public WorkflowsView(WorkflowService workflows, SavedViews savedViews, CurrentUser currentUser,
                         io.cadenza.dashboard.backend.BatchService batches) {
        this.workflows = workflows;
        this.batches = batches;
        this.savedViews = savedViews;
        this.currentUser = currentUser;
        setSizeFull();

        counts.setId("status-counts");
        FilterBuilder builder = new FilterBuilder(text -> {
            query.setValue(text);
            search();
        });
        Details filters = new Details("Filter builder", builder);
        filters.setOpened(true);
        filters.setId("filter-builder");

        query.setId("query");
        query.setPlaceholder("ExecutionStatus = 'Running' AND WorkflowType = 'Expense'");
        query.setWidthFull();
        query.setClearButtonVisible(true);
        query.setAriaLabel("List filter query");
        query.addKeyPressListener(Key.ENTER, e -> search());
        Button searchButton = new Button("Search", e -> search());
        searchButton.setId("search");
        searchButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // Acts on what the last search ran (not on an edited, not yet searched query): the count it shows first is
        // of that filter's running workflows.
        Button batch = new Button("Act on all that match…", e -> BatchDialog.open(batches, workflows,
                currentUser.get(), Session.namespace(), runningQuery));
        batch.setId("batch-action");
        HorizontalLayout queryRow = new HorizontalLayout(query, searchButton, batch);
        queryRow.setWidthFull();
        queryRow.setAlignItems(FlexComponent.Alignment.BASELINE);

        views.setPlaceholder("Saved views");
        views.setId("saved-views");
        views.setItemLabelGenerator(View::name);
        views.addValueChangeListener(e -> {
            if (e.getValue() != null && e.isFromClient()) {
                query.setValue(e.getValue().query());
                search();
            }
        });
        Button save = new Button("Save view", e -> saveViewDialog());
        save.setId("save-view");
        Button deleteView = new Button("Delete view", e -> {
            if (views.getValue() != null) {
                savedViews.delete(currentUser.get().email(), views.getValue());
                refreshViews();
            }
        });
        deleteView.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout header = new HorizontalLayout(new H2("Workflows"), views, save, deleteView);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId("workflows");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(w -> Format.badge(Format.status(w.getStatus()))).setHeader("Status")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(w -> w.getExecution().getWorkflowId()).setHeader("Workflow id").setAutoWidth(true);
        grid.addColumn(w -> w.getExecution().getRunId()).setHeader("Run id").setAutoWidth(true);
        grid.addColumn(w -> w.getType().getName()).setHeader("Type").setAutoWidth(true);
        grid.addColumn(w -> Format.time(w.getStartTime())).setHeader("Start").setAutoWidth(true);
        grid.addColumn(w -> Format.time(w.getCloseTime())).setHeader("Close").setAutoWidth(true);
        grid.addColumn(WorkflowExecutionInfo::getTaskQueue).setHeader("Task queue").setAutoWidth(true);
        grid.addItemClickListener(e -> WorkflowDetailView.open(Session.namespace(),
                e.getItem().getExecution().getWorkflowId(), e.getItem().getExecution().getRunId()));
        grid.setSizeFull();

        previous.setId("page-previous");
        next.setId("page-next");
        pageLabel.setId("page-label");
        previous.addClickListener(e -> {
            if (!tokens.isEmpty()) {
                tokens.remove(tokens.size() - 1);
                load(tokens.isEmpty() ? ByteString.EMPTY : tokens.get(tokens.size() - 1), false);
            }
        });
        next.addClickListener(e -> {
            if (!nextToken.isEmpty()) {
                tokens.add(nextToken);
                load(nextToken, false);
            }
        });
        emptyNotice.setId("empty-notice");
        HorizontalLayout paging = new HorizontalLayout(previous, pageLabel, next, emptyNotice);
        paging.setAlignItems(FlexComponent.Alignment.BASELINE);

        add(header, counts, filters, queryRow, progress, grid, paging);
        refreshViews();
        search();
        addAttachListener(e -> Live.every(this, LIVE_MILLIS, this::tick));
    }

    /**
     * A live tick: the counts and the page on screen again (the two calls a search makes), applied only where they
     * changed, so a reader's scroll position and a running search are left alone.
     */
    private void tick() {
        String namespace = Session.namespace();
        if (ticking || namespace == null || progress.isVisible()) {
            return;
        }
        ticking = true;
        UserToken user = currentUser.get();
        String text = runningQuery;
        ByteString token = shownToken;
        record Result(Page page, Map<String, Long> counts) {
        }
        Background.run(null, () -> new Result(workflows.list(user, namespace, text, PAGE_SIZE, token),
                workflows.countByStatus(user, namespace, text)), result -> {
                    ticking = false;
                    if (!text.equals(runningQuery) || !token.equals(shownToken)
                            || !namespace.equals(Session.namespace())) {
                        return; // the user searched or paged meanwhile
                    }
                    if (!result.counts().equals(shownCounts)) {
                        showCounts(result.counts());
                    }
                    if (!rowsKey(result.page().executions()).equals(rowsKey(shownRows))) {
                        shownRows = result.page().executions();
                        grid.setItems(shownRows);
                        nextToken = result.page().nextPageToken();
                        next.setEnabled(result.page().hasNext());
                    }
                }, error -> ticking = false);
    }

    private static List<String> rowsKey(List<WorkflowExecutionInfo> rows) {
        return rows.stream().map(w -> w.getExecution().getRunId() + w.getStatus() + w.getCloseTime()).toList();
    }

    @Override
    public void namespaceChanged(String namespace) {
        query.clear();
        refreshViews();
        search();
    }

    /** Runs the query in the field from its first page, with fresh counts. */
    void search() {
        runningQuery = query.getValue().trim();
        tokens.clear();
        load(ByteString.EMPTY, true);
    }

    private void load(ByteString token, boolean withCounts) {
        String namespace = Session.namespace();
        if (namespace == null) {
            grid.setItems(List.of());
            emptyNotice.setText("You have no namespace yet; an account admin can create one under Namespaces.");
            return;
        }
        UserToken user = currentUser.get();
        String text = runningQuery;
        record Result(Page page, Map<String, Long> counts) {
        }
        Background.run(progress, () -> new Result(workflows.list(user, namespace, text, PAGE_SIZE, token),
                withCounts ? workflows.countByStatus(user, namespace, text) : null), result -> {
                    shownToken = token;
                    shownRows = result.page().executions();
                    grid.setItems(shownRows);
                    nextToken = result.page().nextPageToken();
                    next.setEnabled(result.page().hasNext());
                    previous.setEnabled(!tokens.isEmpty());
                    pageLabel.setText("Page " + (tokens.size() + 1));
                    emptyNotice.setText(result.page().executions().isEmpty() ? "No workflows match." : "");
                    if (result.counts() != null) {
                        showCounts(result.counts());
                    }
                }, error -> {
                    grid.setItems(List.of());
                    counts.removeAll();
                    Notify.error(error);
                });
    }

    private void showCounts(Map<String, Long> byStatus) {
        shownCounts = byStatus;
        counts.removeAll();
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        Span all = Format.badge("All " + total);
        all.setId("count-all");
        counts.add(all);
        for (String status : ListFilter.STATUSES) {
            long n = byStatus.getOrDefault(status, 0L);
            if (n > 0) {
                Span badge = Format.badge(status);
                badge.setText(status + " " + n);
                badge.setId("count-" + status);
                badge.getStyle().set("cursor", "pointer");
                badge.addClickListener(e -> {
                    query.setValue(ListFilter.andStatus(runningQuery.replaceAll(
                            "^\\((.*)\\) AND ExecutionStatus = '\\w+'$", "$1").replaceAll(
                            "^ExecutionStatus = '\\w+'$", ""), status));
                    search();
                });
                counts.add(badge);
            }
        }
    }

    private void refreshViews() {
        try {
            String namespace = Session.namespace();
            views.setItems(savedViews.list(currentUser.get().email()).stream()
                    .filter(v -> v.namespace().equals(namespace)).toList());
        } catch (RuntimeException e) {
            Notify.error(e);
        }
    }

    private void saveViewDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Save this view");
        TextField name = new TextField("Name");
        name.setId("view-name");
        name.setWidthFull();
        Span what = new Span("Query: " + (query.getValue().isBlank() ? "(all workflows)" : query.getValue()));
        dialog.add(new VerticalLayout(name, what));
        Button save = new Button("Save", e -> {
            try {
                savedViews.save(currentUser.get().email(), new View(name.getValue(), Session.namespace(),
                        query.getValue()));
                refreshViews();
                dialog.close();
                Notify.success("View saved");
            } catch (RuntimeException ex) {
                Notify.error(ex);
            }
        });
        save.setId("view-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}
