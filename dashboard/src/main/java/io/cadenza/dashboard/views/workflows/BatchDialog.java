package io.cadenza.dashboard.views.workflows;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.cadenza.dashboard.backend.BackendException;
import io.cadenza.dashboard.backend.BatchService;
import io.cadenza.dashboard.backend.BatchService.Kind;
import io.cadenza.dashboard.backend.PayloadText;
import io.cadenza.dashboard.backend.WorkflowService;
import io.cadenza.dashboard.security.UserToken;
import io.cadenza.dashboard.views.Background;
import io.cadenza.dashboard.views.Notify;
import io.temporal.api.enums.v1.BatchOperationState;
import io.temporal.api.workflowservice.v1.DescribeBatchOperationResponse;

/**
 * "Act on all that match": terminate, cancel or signal every running workflow of the list's filter as one batch
 * operation. Counts the running matches first and names the number on the confirming button; once started, shows
 * the job's progress (refreshed every second) until it closes, with a Stop button.
 */
final class BatchDialog {

    private final BatchService batches;
    private final WorkflowService workflows;
    private final UserToken user;
    private final String namespace;
    private final String query;
    private final Dialog dialog = new Dialog();
    private final RadioButtonGroup<Kind> kind = new RadioButtonGroup<>("Action");
    private final TextField reason = new TextField("Reason");
    private final TextField signalName = new TextField("Signal name");
    private final TextArea signalInput = new TextArea("Signal input (JSON, optional)");
    private final Span count = new Span("Counting matching running workflows…");
    private final Button confirm = new Button("Apply");
    private long matching = -1;

    private BatchDialog(BatchService batches, WorkflowService workflows, UserToken user, String namespace,
                        String query) {
        this.batches = batches;
        this.workflows = workflows;
        this.user = user;
        this.namespace = namespace;
        this.query = query;
    }

    static void open(BatchService batches, WorkflowService workflows, UserToken user, String namespace, String query) {
        new BatchDialog(batches, workflows, user, namespace, query).show();
    }

    private void show() {
        dialog.setHeaderTitle("Act on all running workflows that match");
        dialog.setWidth("36em");
        kind.setId("batch-kind");
        kind.setItems(Kind.values());
        kind.setItemLabelGenerator(k -> k.label);
        kind.setValue(Kind.TERMINATE);
        reason.setId("batch-reason");
        reason.setWidthFull();
        signalName.setId("batch-signal-name");
        signalInput.setId("batch-signal-input");
        signalName.setWidthFull();
        signalInput.setWidthFull();
        kind.addValueChangeListener(e -> updateForm());
        count.setId("batch-count");
        Paragraph filter = new Paragraph("Filter: " + BatchService.runningOnly(query));
        filter.setId("batch-query");
        confirm.setId("batch-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        confirm.setEnabled(false);
        confirm.addClickListener(e -> start());
        dialog.add(new VerticalLayout(filter, count, kind, reason, signalName, signalInput));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        updateForm();
        dialog.open();
        Background.run(null, () -> workflows.countByStatus(user, namespace, BatchService.runningOnly(query))
                .values().stream().mapToLong(Long::longValue).sum(), n -> {
                    matching = n;
                    count.setText(n == 1 ? "1 running workflow matches." : n + " running workflows match.");
                    updateForm();
                });
    }

    private void updateForm() {
        boolean signal = kind.getValue() == Kind.SIGNAL;
        signalName.setVisible(signal);
        signalInput.setVisible(signal);
        confirm.setEnabled(matching > 0);
        confirm.setText(matching < 0 ? kind.getValue().label : kind.getValue().label + " " + matching
                + (matching == 1 ? " workflow" : " workflows"));
    }

    private void start() {
        Kind k = kind.getValue();
        if (k == Kind.SIGNAL) {
            signalName.setInvalid(signalName.getValue().isBlank());
            signalName.setErrorMessage("A signal needs a name");
            try {
                PayloadText.fromJson(signalInput.getValue());
                signalInput.setInvalid(false);
            } catch (BackendException e) {
                signalInput.setErrorMessage(e.getMessage());
                signalInput.setInvalid(true);
            }
            if (signalName.isInvalid() || signalInput.isInvalid()) {
                return;
            }
        }
        confirm.setEnabled(false);
        Background.run(null, () -> batches.start(user, namespace, query, k, reason.getValue(), signalName.getValue(),
                signalInput.getValue()), this::follow, error -> {
                    confirm.setEnabled(true);
                    Notify.error(error);
                });
    }

    /** Replaces the form with the job's progress, refreshed until it closes. */
    private void follow(String jobId) {
        dialog.removeAll();
        dialog.getFooter().removeAll();
        dialog.setHeaderTitle(kind.getValue().label + " batch " + jobId);
        ProgressBar bar = new ProgressBar(0, 1, 0);
        bar.setId("batch-progress");
        Span text = new Span("Starting…");
        text.setId("batch-progress-text");
        Span state = new Span("Running");
        state.setId("batch-state");
        Button stop = new Button("Stop", e -> Background.run(null, () -> {
            batches.stop(user, namespace, jobId);
            return true;
        }, ok -> Notify.success("Batch stopped")));
        stop.setId("batch-stop");
        stop.addThemeVariants(ButtonVariant.LUMO_ERROR);
        dialog.add(new VerticalLayout(state, bar, text));
        dialog.getFooter().add(stop, new Button("Close", e -> dialog.close()));
        refresh(jobId, bar, text, state, stop, 0);
    }

    private void refresh(String jobId, ProgressBar bar, Span text, Span state, Button stop, long delayMillis) {
        if (!dialog.isOpened() || UI.getCurrent() == null) {
            return;
        }
        Background.run(null, () -> {
            pause(delayMillis);
            return batches.describe(user, namespace, jobId);
        }, (DescribeBatchOperationResponse d) -> {
            long handled = d.getCompleteOperationCount() + d.getFailureOperationCount();
            bar.setValue(d.getTotalOperationCount() == 0 ? 1 : (double) handled / d.getTotalOperationCount());
            text.setText(BatchService.progress(d));
            state.setText(BatchService.state(d.getState()));
            if (d.getState() == BatchOperationState.BATCH_OPERATION_STATE_RUNNING) {
                refresh(jobId, bar, text, state, stop, 1000);
            } else {
                stop.setEnabled(false);
            }
        });
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
