package io.cadenza.dashboard.views.workflows;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cadenza.dashboard.backend.BatchService;
import io.cadenza.dashboard.security.CurrentUser;
import io.cadenza.dashboard.security.UserToken;
import io.cadenza.dashboard.views.Background;
import io.cadenza.dashboard.views.Format;
import io.cadenza.dashboard.views.MainLayout;
import io.cadenza.dashboard.views.Notify;
import io.cadenza.dashboard.views.Session;
import io.temporal.api.enums.v1.BatchOperationState;
import io.temporal.api.workflowservice.v1.DescribeBatchOperationResponse;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The namespace's batch operations, newest first: what each did (type, reason, who), its state and progress, and a
 * Stop button for a running one. Started from the workflow list's "Act on all that match".
 */
@Route(value = "batches", layout = MainLayout.class)
@PageTitle("Batch operations · Cadenza")
public class BatchesView extends VerticalLayout implements MainLayout.NamespaceAware {

    private final BatchService batches;
    private final CurrentUser currentUser;
    private final Grid<DescribeBatchOperationResponse> grid = new Grid<>();
    private final ProgressBar progress = Background.progressBar();
    private final Span empty = new Span();

    @Inject
    public BatchesView(BatchService batches, CurrentUser currentUser) {
        this.batches = batches;
        this.currentUser = currentUser;
        setSizeFull();
        Button refresh = new Button("Refresh", e -> load());
        refresh.setId("batches-refresh");
        HorizontalLayout header = new HorizontalLayout(new H2("Batch operations"), refresh);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        grid.setId("batches");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(d -> Format.badge(BatchService.state(d.getState()))).setHeader("State")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(d -> BatchService.action(d.getOperationType()))
                .setHeader("Action").setAutoWidth(true);
        grid.addColumn(BatchService::progress).setHeader("Progress").setAutoWidth(true);
        grid.addColumn(DescribeBatchOperationResponse::getReason).setHeader("Reason").setAutoWidth(true);
        grid.addColumn(DescribeBatchOperationResponse::getIdentity).setHeader("By").setAutoWidth(true);
        grid.addColumn(d -> Format.time(d.getStartTime())).setHeader("Start").setAutoWidth(true);
        grid.addColumn(d -> d.hasCloseTime() ? Format.time(d.getCloseTime()) : "").setHeader("Close")
                .setAutoWidth(true);
        grid.addColumn(DescribeBatchOperationResponse::getQuery).setHeader("Filter").setAutoWidth(true);
        grid.addComponentColumn(d -> {
            Button stop = new Button("Stop", e -> stop(d.getJobId()));
            stop.setId("stop-" + d.getJobId());
            stop.setVisible(d.getState() == BatchOperationState.BATCH_OPERATION_STATE_RUNNING);
            return stop;
        }).setAutoWidth(true).setFlexGrow(0);
        grid.setSizeFull();
        empty.setId("batches-empty");
        add(header, progress, grid, empty);
        load();
    }

    @Override
    public void namespaceChanged(String namespace) {
        load();
    }

    private void load() {
        String namespace = Session.namespace();
        if (namespace == null) {
            grid.setItems(List.of());
            return;
        }
        UserToken user = currentUser.get();
        // ListBatchOperations gives ids and states; the details (counts, reason) come from Describe, one per job.
        Background.run(progress, () -> batches.list(user, namespace).stream()
                .map(info -> batches.describe(user, namespace, info.getJobId())).toList(), jobs -> {
                    grid.setItems(jobs);
                    empty.setText(jobs.isEmpty() ? "No batch operation yet: start one from the workflow list "
                            + "(Act on all that match)." : "");
                });
    }

    private void stop(String jobId) {
        UserToken user = currentUser.get();
        String namespace = Session.namespace();
        Background.run(progress, () -> {
            batches.stop(user, namespace, jobId);
            return true;
        }, ok -> {
            Notify.success("Batch stopped");
            load();
        });
    }
}
