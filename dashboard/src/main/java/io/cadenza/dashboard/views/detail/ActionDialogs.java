package io.cadenza.dashboard.views.detail;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.cadenza.dashboard.backend.BackendException;
import io.cadenza.dashboard.backend.HistoryTimeline;
import io.cadenza.dashboard.backend.PayloadText;
import io.cadenza.dashboard.views.Format;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Confirmation dialogs of the workflow actions; each hands the user's input to the action when confirmed. */
final class ActionDialogs {

    /** What a signal sends. */
    record SignalInput(String name, String json) {
    }

    private ActionDialogs() {
    }

    static void signal(String workflowId, Consumer<SignalInput> action) {
        TextField name = new TextField("Signal name");
        name.setId("signal-name");
        name.setWidthFull();
        TextArea json = new TextArea("Input (JSON, optional)");
        json.setId("signal-input");
        json.setWidthFull();
        json.setPlaceholder("{\"approved\": true}");
        open("Signal " + workflowId, "Send signal", false, new VerticalLayout(name, json), () -> {
            // checked here so that a typo keeps the dialog and what was typed
            name.setInvalid(name.getValue().isBlank());
            name.setErrorMessage("A signal needs a name");
            try {
                PayloadText.fromJson(json.getValue());
                json.setInvalid(false);
            } catch (BackendException e) {
                json.setErrorMessage(e.getMessage());
                json.setInvalid(true);
            }
            if (name.isInvalid() || json.isInvalid()) {
                return false;
            }
            action.accept(new SignalInput(name.getValue(), json.getValue()));
            return true;
        });
    }

    static void cancel(String workflowId, Runnable action) {
        open("Cancel " + workflowId + "?", "Request cancellation", true, new Paragraph(
                "The workflow is asked to cancel; its code decides how to clean up and finish."), () -> {
                    action.run();
                    return true;
                });
    }

    static void terminate(String workflowId, Consumer<String> action) {
        TextField reason = new TextField("Reason");
        reason.setId("terminate-reason");
        reason.setWidthFull();
        open("Terminate " + workflowId + "?", "Terminate", true, new VerticalLayout(new Paragraph(
                "The run stops at once; no workflow code runs to clean up. This cannot be undone."), reason),
                () -> {
                    action.accept(reason.getValue());
                    return true;
                });
    }

    /** Reset picks a completed workflow task: the new run replays up to it and continues from there. */
    static void reset(String workflowId, List<HistoryEvent> history, Consumer<ResetInput> action) {
        List<HistoryEvent> points = history.stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED).toList();
        Select<HistoryEvent> point = new Select<>();
        point.setLabel("Reset to");
        point.setId("reset-event");
        point.setItems(points);
        point.setItemLabelGenerator(e -> "#" + e.getEventId() + " " + HistoryTimeline.eventName(e.getEventType())
                + " at " + Format.time(e.getEventTime()));
        point.setWidthFull();
        if (!points.isEmpty()) {
            point.setValue(points.get(points.size() - 1));
        }
        TextField reason = new TextField("Reason");
        reason.setWidthFull();
        open("Reset " + workflowId, "Reset", true, new VerticalLayout(new Paragraph(
                "A new run is started from the chosen point; the current run is terminated."), point, reason), () -> {
                    if (point.getValue() == null) {
                        point.setErrorMessage("Pick the workflow task to reset to");
                        point.setInvalid(true);
                        return false;
                    }
                    action.accept(new ResetInput(point.getValue().getEventId(), reason.getValue()));
                    return true;
                });
    }

    record ResetInput(long eventId, String reason) {
    }

    private static void open(String title, String confirmText, boolean dangerous,
                             com.vaadin.flow.component.Component body, BooleanSupplier onConfirm) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(title);
        dialog.add(body);
        dialog.setWidth("32em");
        // onConfirm answers false when the input is not acceptable: the dialog stays open with the field marked
        Button confirm = new Button(confirmText, e -> {
            if (onConfirm.getAsBoolean()) {
                dialog.close();
            }
        });
        confirm.setId("confirm-action");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        if (dangerous) {
            confirm.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        Button cancel = new Button("Back", e -> dialog.close());
        dialog.getFooter().add(cancel, confirm);
        dialog.open();
    }
}
