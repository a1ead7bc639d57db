package io.cadenza.dataplane.human.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.dataplane.execution.activity.approval.FormValidator.FieldError;
import io.cadenza.dataplane.human.inbox.Caller;
import io.cadenza.dataplane.human.inbox.InboxProblem;
import io.cadenza.dataplane.human.inbox.InboxQuery;
import io.cadenza.dataplane.human.inbox.InboxService;
import io.cadenza.dataplane.human.inbox.InboxTask;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The human-approval inbox, on the cell's HTTP port at the same paths the tenant gateway exposes publicly (see
 * openapi/inbox.yaml). Non-blocking: every method returns a stage completed by the reactive SQL client or the
 * run's update.
 */
@Path("/api/v1/namespaces/{namespace}/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;

    private final InboxService inbox;
    private final TrustedHeaders trusted;
    private final InstantSource clock;

    public InboxResource(InboxService inbox, TrustedHeaders trusted, InstantSource clock) {
        this.inbox = inbox;
        this.trusted = trusted;
        this.clock = clock;
    }

    /** The list page: tasks (without audit trails) and the token of the next page, null on the last one. */
    public record TaskPage(List<TaskView> tasks, String nextPageToken) {
    }

    public record AssignBody(String assignee) {
    }

    public record CompleteBody(String outcome, String comment, JsonNode formValues) {
    }

    public record CommentBody(String text) {
    }

    @GET
    public CompletionStage<Response> list(@PathParam("namespace") String namespace, @Context HttpHeaders headers,
                                          @QueryParam("scope") String scope, @QueryParam("state") List<String> states,
                                          @QueryParam("priority") Integer priority,
                                          @QueryParam("dueBefore") String dueBefore,
                                          @QueryParam("workflowType") String workflowType,
                                          @QueryParam("q") String text, @QueryParam("pageSize") Integer pageSize,
                                          @QueryParam("nextPageToken") String token) {
        return respond(() -> {
            Caller caller = trusted.caller(headers);
            List<FieldError> errors = new ArrayList<>();
            int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
            if (size < 1 || size > MAX_PAGE_SIZE) {
                errors.add(new FieldError("pageSize", "must be from 1 to " + MAX_PAGE_SIZE));
            }
            if (priority != null && (priority < 1 || priority > 5)) {
                errors.add(new FieldError("priority", "must be from 1 to 5"));
            }
            List<String> stateFilter = states(states, errors);
            Long due = null;
            if (dueBefore != null) {
                try {
                    due = Instant.parse(dueBefore).toEpochMilli();
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError("dueBefore", "must be an ISO-8601 instant"));
                }
            }
            Long afterCreated = null;
            String afterTask = null;
            if (token != null && !token.isEmpty()) {
                try {
                    String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                            .split("\\|", 2);
                    afterCreated = Long.parseLong(parts[0]);
                    afterTask = parts[1];
                } catch (RuntimeException e) {
                    errors.add(new FieldError("nextPageToken", "is not a token this API returned"));
                }
            }
            if (!errors.isEmpty()) {
                throw InboxProblem.badRequest("Invalid list parameters.", errors);
            }
            InboxQuery filters = new InboxQuery(null, null, stateFilter, priority, due,
                    blankToNull(workflowType), blankToNull(text), size, afterCreated, afterTask);
            return inbox.list(namespace, caller, scope, filters).thenApply(page -> {
                long now = clock.millis();
                InboxTask last = page.last();
                String next = last == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(
                        (last.createdAtMillis() + "|" + last.taskId()).getBytes(StandardCharsets.UTF_8));
                return Response.ok(new TaskPage(page.tasks().stream()
                        .map(t -> TaskView.of(t, namespace, now, false)).toList(), next)).build();
            });
        });
    }

    @GET
    @Path("/{taskId}")
    public CompletionStage<Response> get(@PathParam("namespace") String namespace,
                                         @PathParam("taskId") String taskId, @Context HttpHeaders headers) {
        return respond(() -> inbox.get(namespace, taskId, trusted.caller(headers)).thenApply(t -> ok(t, namespace)));
    }

    @POST
    @Path("/{taskId}/claim")
    public CompletionStage<Response> claim(@PathParam("namespace") String namespace,
                                           @PathParam("taskId") String taskId, @Context HttpHeaders headers) {
        return respond(() -> inbox.claim(namespace, taskId, trusted.caller(headers)).thenApply(t -> ok(t, namespace)));
    }

    @POST
    @Path("/{taskId}/unclaim")
    public CompletionStage<Response> unclaim(@PathParam("namespace") String namespace,
                                             @PathParam("taskId") String taskId, @Context HttpHeaders headers) {
        return respond(() -> inbox.unclaim(namespace, taskId, trusted.caller(headers))
                .thenApply(t -> ok(t, namespace)));
    }

    @POST
    @Path("/{taskId}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> assign(@PathParam("namespace") String namespace,
                                            @PathParam("taskId") String taskId, @Context HttpHeaders headers,
                                            AssignBody body) {
        return respond(() -> inbox.assign(namespace, taskId, trusted.caller(headers),
                body == null ? null : body.assignee()).thenApply(t -> ok(t, namespace)));
    }

    @POST
    @Path("/{taskId}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> complete(@PathParam("namespace") String namespace,
                                              @PathParam("taskId") String taskId, @Context HttpHeaders headers,
                                              CompleteBody body) {
        return respond(() -> {
            CompleteBody b = body == null ? new CompleteBody(null, null, null) : body;
            return inbox.complete(namespace, taskId, trusted.caller(headers), b.outcome(), b.comment(),
                    b.formValues()).thenApply(t -> ok(t, namespace));
        });
    }

    @POST
    @Path("/{taskId}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> comment(@PathParam("namespace") String namespace,
                                             @PathParam("taskId") String taskId, @Context HttpHeaders headers,
                                             CommentBody body) {
        return respond(() -> inbox.comment(namespace, taskId, trusted.caller(headers),
                body == null ? null : body.text()).thenApply(t -> ok(t, namespace)));
    }

    private Response ok(InboxTask task, String namespace) {
        return Response.ok(TaskView.of(task, namespace, clock.millis(), true)).build();
    }

    /** Runs the request, turning every failure (thrown or in the stage) into problem JSON. */
    private static CompletionStage<Response> respond(Supplier<CompletionStage<Response>> work) {
        CompletionStage<Response> stage;
        try {
            stage = work.get();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Problems.response(e));
        }
        return stage.exceptionally(Problems::response);
    }

    private static List<String> states(List<String> raw, List<FieldError> errors) {
        if (raw == null || raw.isEmpty()) {
            return List.of("open", "claimed");
        }
        List<String> out = new ArrayList<>();
        for (String entry : raw) {
            for (String s : entry.split(",")) {
                String v = s.trim();
                if (v.equals("all")) {
                    return null;
                }
                if (!List.of("open", "claimed", "completed", "withdrawn", "expired").contains(v)) {
                    errors.add(new FieldError("state", "'" + v + "' is not one of open, claimed, completed, "
                            + "withdrawn, expired, all"));
                } else {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
