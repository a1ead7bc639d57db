package io.cadenza.dataplane.human.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.error.CadenzaException;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.activity.HumanTaskTransitions;
import io.cadenza.dataplane.execution.activity.approval.ApprovalRequestParser;
import io.cadenza.dataplane.execution.activity.approval.ApprovalSpec;
import io.cadenza.dataplane.execution.activity.approval.FormValidator;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceRegistry;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The inbox rules: who sees and may act on which task, and what each action does. Completion goes through
 * {@link ExecutionManager#update} on the task's run, so the activity's outcome, the history events and the inbox
 * row commit together and exactly one of concurrent completions wins.
 */
@ApplicationScoped
public class InboxService {

    static final int MAX_COMMENT = 10_000;
    private static final int MAX_ATTEMPTS = 5;

    private final InboxStore store;
    private final ExecutionManager manager;
    private final NamespaceRegistry namespaces;
    private final InstantSource clock;

    public InboxService(InboxStore store, ExecutionManager manager, NamespaceRegistry namespaces,
                        InstantSource clock) {
        this.store = store;
        this.manager = manager;
        this.namespaces = namespaces;
        this.clock = clock;
    }

    /** A page of tasks and the position after it (null when it is the last page). */
    public record Page(List<InboxTask> tasks, InboxTask last) {
    }

    /** {@code scope}: visible (default), mine, groups, or all (admins only). */
    public CompletionStage<Page> list(String namespace, Caller caller, String scope, InboxQuery filters) {
        Namespace ns = namespace(namespace);
        List<String> principals = switch (scope == null ? "visible" : scope) {
            case "visible" -> caller.isAdmin() ? null : caller.principals();
            case "mine" -> List.of("user:" + caller.user());
            case "groups" -> caller.principals().subList(1, caller.principals().size());
            case "all" -> {
                if (!caller.isAdmin()) {
                    throw InboxProblem.forbidden("Only namespace admins can list all tasks of a namespace.");
                }
                yield null;
            }
            default -> throw InboxProblem.badRequest("Unknown scope '" + scope + "'.",
                    List.of(new FormValidator.FieldError("scope", "one of visible, mine, groups, all")));
        };
        if (principals != null && principals.isEmpty()) {
            return CompletableFuture.completedFuture(new Page(List.of(), null));
        }
        InboxQuery q = new InboxQuery(ns.id(), principals, filters.states(), filters.priority(),
                filters.dueBeforeMillis(), filters.workflowType(), filters.titleContains(), filters.pageSize(),
                filters.afterCreatedMillis(), filters.afterTaskId());
        return store.list(q).thenApply(tasks -> tasks.size() > q.pageSize()
                ? new Page(tasks.subList(0, q.pageSize()), tasks.get(q.pageSize() - 1))
                : new Page(tasks, null));
    }

    public CompletionStage<InboxTask> get(String namespace, String taskId, Caller caller) {
        return visible(namespace(namespace), taskId, caller);
    }

    public CompletionStage<InboxTask> claim(String namespace, String taskId, Caller caller) {
        return change(namespace, taskId, caller, InboxTaskState.Event.CLAIM, task -> {
            if (caller.user().equals(task.assignee())) {
                return null; // already theirs
            }
            if (task.assignee() != null) {
                throw InboxProblem.conflict("Task is already claimed by " + task.assignee() + ".");
            }
            return new Change(InboxTaskState.CLAIMED, caller.user(), "claimed", new JsonObject());
        });
    }

    public CompletionStage<InboxTask> unclaim(String namespace, String taskId, Caller caller) {
        return change(namespace, taskId, caller, InboxTaskState.Event.UNCLAIM, task -> {
            if (!caller.user().equals(task.assignee()) && !caller.isAdmin()) {
                throw InboxProblem.conflict("Task is claimed by " + task.assignee()
                        + "; only they or a namespace admin can unclaim it.");
            }
            return new Change(InboxTaskState.OPEN, null, "unclaimed",
                    new JsonObject().put("previousAssignee", task.assignee()));
        });
    }

    /** Assigns (delegates) the task to {@code assignee}, who can then see and complete it. */
    public CompletionStage<InboxTask> assign(String namespace, String taskId, Caller caller, String assignee) {
        if (assignee == null || assignee.isBlank()) {
            throw InboxProblem.badRequest("An assignee is required.",
                    List.of(new FormValidator.FieldError("assignee", "is required")));
        }
        return change(namespace, taskId, caller, InboxTaskState.Event.ASSIGN, task -> {
            if (task.assignee() != null && !task.assignee().equals(caller.user()) && !caller.isAdmin()) {
                throw InboxProblem.conflict("Task is claimed by " + task.assignee()
                        + "; only they or a namespace admin can reassign it.");
            }
            if (assignee.equals(task.assignee())) {
                return null;
            }
            return new Change(InboxTaskState.CLAIMED, assignee, "assigned",
                    new JsonObject().put("assignee", assignee).put("previousAssignee", task.assignee()));
        });
    }

    public CompletionStage<InboxTask> comment(String namespace, String taskId, Caller caller, String text) {
        if (text == null || text.isBlank() || text.length() > MAX_COMMENT) {
            throw InboxProblem.badRequest("A comment needs text.", List.of(new FormValidator.FieldError("text",
                    "must be non-blank and at most " + MAX_COMMENT + " characters")));
        }
        return change(namespace, taskId, caller, InboxTaskState.Event.COMMENT,
                task -> new Change(task.state(), task.assignee(), "commented", new JsonObject().put("text", text)));
    }

    /**
     * Completes the task's activity with the person's decision. Validation errors are 400 with field errors; a
     * task that is no longer pending (completed, withdrawn, expired) is 409 with the reason.
     */
    public CompletionStage<InboxTask> complete(String namespace, String taskId, Caller caller, String outcome,
                                               String comment, JsonNode formValues) {
        Namespace ns = namespace(namespace);
        return visible(ns, taskId, caller).thenCompose(task -> {
            mayAct(caller, task, InboxTaskState.Event.COMPLETE);
            if (task.assignee() != null && !task.assignee().equals(caller.user()) && !caller.isAdmin()) {
                throw InboxProblem.conflict("Task is claimed by " + task.assignee() + "; only they (or a namespace "
                        + "admin) can complete it.");
            }
            ApprovalSpec spec = spec(task);
            if (comment != null && comment.length() > MAX_COMMENT) {
                throw InboxProblem.badRequest("The comment is too long.", List.of(new FormValidator.FieldError(
                        "comment", "must be at most " + MAX_COMMENT + " characters")));
            }
            FormValidator.Checked checked = FormValidator.check(spec, outcome, formValues);
            if (!checked.errors().isEmpty()) {
                throw InboxProblem.badRequest("The decision does not match the task's outcomes or form.",
                        checked.errors());
            }
            ExecutionKey run = new ExecutionKey(ns.id(), task.workflowId(), task.runId());
            return manager.update(run, ctx -> {
                        HumanTaskTransitions.complete(ctx, task.scheduledEventId(), task.taskId(), caller.user(),
                                outcome, comment, checked.formValues());
                        return null;
                    })
                    .handle((ok, err) -> err == null ? null : unwrap(err))
                    .thenCompose(err -> {
                        if (err == null) {
                            return store.find(ns.id(), taskId);
                        }
                        boolean gone = err instanceof HumanTaskTransitions.NotPending
                                || CadenzaException.is(err, CadenzaException.Kind.NOT_FOUND);
                        if (!gone) {
                            return CompletableFuture.failedFuture(err);
                        }
                        return store.find(ns.id(), taskId).thenApply(now -> {
                            throw InboxProblem.conflict(now == null || now.state().isActive()
                                    ? "The task is no longer pending: its workflow moved on."
                                    : notActive(now));
                        });
                    });
        });
    }

    /** What a person's change does: new state, new assignee, and the audit action with its details. */
    private record Change(InboxTaskState state, String assignee, String action, JsonObject detail) {
    }

    private CompletionStage<InboxTask> change(String namespace, String taskId, Caller caller,
                                              InboxTaskState.Event event, Function<InboxTask, Change> rule) {
        Namespace ns = namespace(namespace);
        return attempt(ns, taskId, caller, event, rule, 1);
    }

    /** Optimistic: decide on the current row, write if it did not move, else decide again on the new row. */
    private CompletionStage<InboxTask> attempt(Namespace ns, String taskId, Caller caller,
                                               InboxTaskState.Event event, Function<InboxTask, Change> rule,
                                               int attempt) {
        return visible(ns, taskId, caller).thenCompose(task -> {
            mayAct(caller, task, event);
            Change change = rule.apply(task);
            if (change == null) {
                return CompletableFuture.completedFuture(task);
            }
            return store.change(task, change.state(), change.assignee(), principals(task, change.assignee()),
                            clock.millis(), caller.user(), change.action(), change.detail())
                    .thenCompose(applied -> {
                        if (applied) {
                            return store.find(ns.id(), taskId);
                        }
                        if (attempt >= MAX_ATTEMPTS) {
                            throw InboxProblem.conflict("The task is changing concurrently; try again.");
                        }
                        return attempt(ns, taskId, caller, event, rule, attempt + 1);
                    });
        });
    }

    private CompletionStage<InboxTask> visible(Namespace ns, String taskId, Caller caller) {
        return store.find(ns.id(), taskId).thenApply(task -> {
            if (task == null || !caller.canSee(task)) {
                throw InboxProblem.notFound(taskId);
            }
            return task;
        });
    }

    private static void mayAct(Caller caller, InboxTask task, InboxTaskState.Event event) {
        if (caller.role() == Caller.Role.READ) {
            throw InboxProblem.forbidden("Your role on this namespace is read-only: you can view tasks but not act "
                    + "on them.");
        }
        if (!InboxTaskState.TABLE.allows(task.state(), event)) {
            throw InboxProblem.conflict(notActive(task));
        }
    }

    private static String notActive(InboxTask task) {
        return switch (task.state()) {
            case COMPLETED -> "Task was already completed by " + task.completedBy() + " at "
                    + Instant.ofEpochMilli(task.closedAtMillis()) + ".";
            case WITHDRAWN -> "Task was withdrawn: " + task.closeReason() + ".";
            case EXPIRED -> "Task expired: " + task.closeReason() + ".";
            default -> "Task is " + task.state().json() + ".";
        };
    }

    /** Candidates (including escalation groups) plus the assignee. */
    private static List<String> principals(InboxTask task, String assignee) {
        LinkedHashSet<String> p = new LinkedHashSet<>();
        task.candidateUsers().forEach(u -> p.add("user:" + u));
        task.candidateGroups().forEach(g -> p.add("group:" + g));
        if (assignee != null) {
            p.add("user:" + assignee);
        }
        return List.copyOf(p);
    }

    private static ApprovalSpec spec(InboxTask task) {
        try {
            return ApprovalRequestParser.parse(ApprovalRequestParser.JSON.readTree(task.requestJson()));
        } catch (IOException e) {
            throw new IllegalStateException("stored request of task " + task.taskId() + " is not JSON", e);
        }
    }

    private Namespace namespace(String name) {
        try {
            return namespaces.byName(name);
        } catch (CadenzaException e) {
            throw new InboxProblem(404, "Namespace not found", "Namespace " + name + " is not served here.", null);
        }
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
