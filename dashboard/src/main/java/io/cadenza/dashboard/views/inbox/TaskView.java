package io.cadenza.dashboard.views.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.cadenza.dashboard.backend.InboxService;
import io.cadenza.dashboard.backend.InboxService.FormField;
import io.cadenza.dashboard.backend.InboxService.Task;
import io.cadenza.dashboard.backend.InboxService.TaskEvent;
import io.cadenza.dashboard.security.CurrentUser;
import io.cadenza.dashboard.security.UserToken;
import io.cadenza.dashboard.views.Background;
import io.cadenza.dashboard.views.Format;
import io.cadenza.dashboard.views.MainLayout;
import io.cadenza.dashboard.views.Notify;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One approval task: its request data and form, claim/unclaim, the outcomes with a comment, and its audit trail. */
@Route(value = "task", layout = MainLayout.class)
@PageTitle("Task · Cadenza")
public class TaskView extends VerticalLayout implements BeforeEnterObserver {

    private final InboxService inbox;
    private final CurrentUser currentUser;
    private final ProgressBar progress = Background.progressBar();
    private final VerticalLayout body = new VerticalLayout();
    private String namespace;
    private String taskId;

    @Inject
    public TaskView(InboxService inbox, CurrentUser currentUser) {
        this.inbox = inbox;
        this.currentUser = currentUser;
        body.setPadding(false);
        add(progress, body);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> params = event.getLocation().getQueryParameters().getParameters();
        namespace = params.getOrDefault("ns", List.of("")).get(0);
        taskId = params.getOrDefault("id", List.of("")).get(0);
        load();
    }

    private void load() {
        UserToken user = currentUser.get();
        Background.run(progress, () -> inbox.get(user, namespace, taskId), this::show, error -> {
            body.removeAll();
            body.add(new H2("Task " + taskId), new Span(Notify.message(error)));
        });
    }

    private void show(Task task) {
        body.removeAll();
        var s = task.summary();
        HorizontalLayout header = new HorizontalLayout(new H2(s.title()), Format.badge(s.state()));
        if (s.overdueAt(Instant.now())) {
            header.add(Format.badge("overdue"));
        }
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        body.add(header);
        String me = currentUser.get().email();
        FormLayout facts = new FormLayout();
        facts.addFormItem(new Span("P" + s.priority()), "Priority");
        facts.addFormItem(new Span(Format.time(s.dueAt())), "Due");
        facts.addFormItem(new Span(s.assignee() == null ? "(unclaimed)" : s.assignee()), "Assignee");
        facts.addFormItem(new Span(String.join(", ", s.candidateGroups())), "Groups");
        Anchor workflow = new Anchor("workflow?" + QueryParameters.simple(Map.of("ns", namespace, "id",
                s.workflowId() == null ? "" : s.workflowId(), "run", s.runId() == null ? "" : s.runId()))
                .getQueryString(), s.workflowId() == null ? "" : s.workflowId());
        workflow.setId("task-workflow-link");
        facts.addFormItem(workflow, "Workflow");
        body.add(facts);
        if (!task.description().isBlank()) {
            body.add(new Paragraph(task.description()));
        }
        body.add(new H3("Request"), RequestData.render(task.data()));

        if (s.isOpen()) {
            UserToken user = currentUser.get();
            boolean mine = me.equalsIgnoreCase(s.assignee() == null ? "" : s.assignee());
            Button claim = new Button(mine ? "Unclaim" : "Claim", e -> act(mine ? "Unclaimed" : "Claimed", () -> {
                if (mine) {
                    inbox.unclaim(user, namespace, taskId);
                } else {
                    inbox.claim(user, namespace, taskId);
                }
            }));
            claim.setId(mine ? "task-unclaim" : "task-claim");
            // A task someone else holds cannot be claimed: the Assignee above says who has it.
            if (mine || s.assignee() == null) {
                body.add(claim);
            }
            if (mine) {
                body.add(delegation(user));
            }
            if (mine || s.assignee() == null) {
                body.add(new H3("Decision"), decision(task, user));
            } else {
                // The server refuses a decision by anyone but the holder: say who decides instead of offering it.
                Span held = new Span("Held by " + s.assignee() + ": they decide, or unclaim it for the group.");
                held.setId("task-held");
                body.add(new H3("Decision"), held);
            }
        } else if (task.result() != null && !task.result().isMissingNode() && !task.result().isNull()) {
            body.add(new H3("Decision"), new Span((task.completedBy() == null ? "" : task.completedBy() + ": ")
                    + task.result()));
        }
        body.add(new H3("Audit trail"), audit(task.events()));
    }

    /** The holder hands the task to someone else (who need not be a candidate), e.g. while away. */
    private Component delegation(UserToken user) {
        TextField to = new TextField();
        to.setPlaceholder("name@example.com");
        to.setAriaLabel("Delegate to");
        to.setId("task-delegate-to");
        Button delegate = new Button("Delegate", e -> {
            String assignee = to.getValue().trim();
            if (assignee.isEmpty()) {
                to.setInvalid(true);
                to.setErrorMessage("Whom to delegate to");
                return;
            }
            act("Delegated to " + assignee, () -> inbox.assign(user, namespace, taskId, assignee));
        });
        delegate.setId("task-delegate");
        HorizontalLayout row = new HorizontalLayout(to, delegate);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        return row;
    }

    private Component decision(Task task, UserToken user) {
        FormLayout form = new FormLayout();
        form.setId("task-form");
        Map<String, HasValue<?, ?>> inputs = new LinkedHashMap<>();
        for (FormField field : task.form()) {
            HasValue<?, ?> input = input(field);
            inputs.put(field.name(), input);
            ((Component) input).setId("field-" + field.name());
            form.add((Component) input);
        }
        TextArea comment = new TextArea("Comment");
        comment.setId("task-comment");
        comment.setWidthFull();
        HorizontalLayout outcomes = new HorizontalLayout();
        for (String outcome : task.outcomes()) {
            Button button = new Button(capitalize(outcome), e -> {
                Map<String, Object> values = validate(task.form(), inputs);
                if (values != null) {
                    act("Task completed: " + outcome, () -> inbox.complete(user, namespace, taskId, outcome,
                            comment.getValue(), values));
                }
            });
            button.setId("outcome-" + outcome);
            if (outcome.toLowerCase().startsWith("approv")) {
                button.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
            } else if (outcome.toLowerCase().startsWith("reject")) {
                button.addThemeVariants(ButtonVariant.LUMO_ERROR);
            }
            outcomes.add(button);
        }
        VerticalLayout layout = new VerticalLayout(form, comment, outcomes);
        layout.setPadding(false);
        return layout;
    }

    /** The form's values, or null after marking the invalid fields (required, numbers). */
    private static Map<String, Object> validate(List<FormField> fields, Map<String, HasValue<?, ?>> inputs) {
        Map<String, Object> values = new LinkedHashMap<>();
        boolean valid = true;
        for (FormField field : fields) {
            HasValue<?, ?> input = inputs.get(field.name());
            Object value = input.getValue();
            boolean missing = value == null || (value instanceof String text && text.isBlank());
            if (input instanceof com.vaadin.flow.component.HasValidation validation) {
                validation.setInvalid(field.required() && missing);
                if (field.required() && missing) {
                    validation.setErrorMessage(field.label() + " is required");
                }
            }
            if (field.required() && missing) {
                valid = false;
            } else if (!missing) {
                values.put(field.name(), value instanceof java.time.LocalDate date ? date.toString() : value);
            }
        }
        if (!valid) {
            Notify.error("Fill in the required fields first");
            return null;
        }
        return values;
    }

    private static HasValue<?, ?> input(FormField field) {
        String label = field.label() + (field.required() ? " *" : "");
        AbstractField<?, ?> input;
        if (!field.options().isEmpty()) {
            Select<String> select = new Select<>();
            select.setLabel(label);
            select.setItems(field.options());
            return select;
        }
        switch (field.type().toLowerCase()) {
            case "number", "money" -> {
                NumberField number = new NumberField(label);
                number.setRequiredIndicatorVisible(field.required());
                return number;
            }
            case "date" -> {
                return new DatePicker(label);
            }
            case "textarea" -> {
                TextArea area = new TextArea(label);
                area.setRequired(field.required());
                return area;
            }
            default -> {
                TextField text = new TextField(label);
                text.setRequired(field.required());
                if (field.description() != null) {
                    text.setHelperText(field.description());
                }
                return text;
            }
        }
    }

    private Grid<TaskEvent> audit(List<TaskEvent> events) {
        Grid<TaskEvent> grid = new Grid<>();
        grid.setId("task-audit");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(e -> Format.time(e.at())).setHeader("When").setAutoWidth(true);
        grid.addColumn(TaskEvent::actor).setHeader("Who").setAutoWidth(true);
        grid.addColumn(TaskEvent::action).setHeader("What").setAutoWidth(true);
        grid.addColumn(e -> "{}".equals(e.detail()) ? "" : e.detail()).setHeader("Details");
        grid.setItems(events);
        return grid;
    }

    private void act(String done, Runnable action) {
        Background.run(progress, () -> {
            action.run();
            return true;
        }, ok -> {
            Notify.success(done);
            load();
        });
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Renders a request's data: a flat object as a form of read-only values, anything else as JSON. */
    static final class RequestData {
        private RequestData() {
        }

        static Component render(JsonNode data) {
            if (data == null || data.isMissingNode() || data.isNull()) {
                return new Span("(no data)");
            }
            if (data.isObject()) {
                FormLayout form = new FormLayout();
                form.setId("task-data");
                data.fields().forEachRemaining(e -> form.addFormItem(new Span(e.getValue().isValueNode()
                        ? e.getValue().asText() : e.getValue().toString()), e.getKey()));
                return form;
            }
            return new com.vaadin.flow.component.html.Pre(data.toPrettyString());
        }
    }
}
