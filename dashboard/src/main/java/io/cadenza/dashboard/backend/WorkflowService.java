package io.cadenza.dashboard.backend;

import com.google.protobuf.ByteString;
import io.cadenza.dashboard.security.UserToken;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.ListNamespacesRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.api.workflowservice.v1.RequestCancelWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Workflow executions of one namespace, as the calling user may see and change them (Temporal gRPC via gateway). */
@ApplicationScoped
public class WorkflowService {

    /** Histories longer than this are shown truncated rather than exhausting the dashboard's memory. */
    public static final int MAX_HISTORY_EVENTS = 50_000;

    @Inject
    TemporalChannel temporal;

    /** One page of a list, and the server's token for the next one (empty on the last page). */
    public record Page(List<WorkflowExecutionInfo> executions, ByteString nextPageToken) {
        public boolean hasNext() {
            return !nextPageToken.isEmpty();
        }
    }

    /** A page of executions matching {@code query} (Temporal's list filter), newest first. */
    public Page list(UserToken user, String namespace, String query, int pageSize, ByteString pageToken) {
        ListWorkflowExecutionsResponse response = TemporalChannel.call("The workflow query", () ->
                temporal.stub(user, namespace).listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
                        .setNamespace(namespace).setQuery(query == null ? "" : query).setPageSize(pageSize)
                        .setNextPageToken(pageToken == null ? ByteString.EMPTY : pageToken).build()));
        return new Page(response.getExecutionsList(), response.getNextPageToken());
    }

    /** How many executions match {@code query}, per execution status (statuses with none are absent). */
    public Map<String, Long> countByStatus(UserToken user, String namespace, String query) {
        String grouped = (query == null || query.isBlank() ? "" : query + " ") + "GROUP BY ExecutionStatus";
        CountWorkflowExecutionsResponse response = TemporalChannel.call("Counting workflows", () ->
                temporal.stub(user, namespace).countWorkflowExecutions(CountWorkflowExecutionsRequest.newBuilder()
                        .setNamespace(namespace).setQuery(grouped).build()));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (var group : response.getGroupsList()) {
            String status = group.getGroupValuesCount() == 0 ? "?"
                    : PayloadText.show(group.getGroupValues(0)).replace("\"", "");
            counts.put(status, group.getCount());
        }
        return counts;
    }

    public DescribeWorkflowExecutionResponse describe(UserToken user, String namespace, String workflowId,
                                                      String runId) {
        return TemporalChannel.call("Loading workflow " + workflowId, () ->
                temporal.stub(user, namespace).describeWorkflowExecution(DescribeWorkflowExecutionRequest
                        .newBuilder().setNamespace(namespace).setExecution(execution(workflowId, runId)).build()));
    }

    /** The whole history (up to {@link #MAX_HISTORY_EVENTS} events), read page by page. */
    public List<HistoryEvent> history(UserToken user, String namespace, String workflowId, String runId) {
        List<HistoryEvent> events = new ArrayList<>();
        ByteString token = ByteString.EMPTY;
        do {
            ByteString pageToken = token;
            GetWorkflowExecutionHistoryResponse page = TemporalChannel.call("Loading the history of " + workflowId,
                    () -> temporal.stub(user, namespace).getWorkflowExecutionHistory(
                            GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(namespace)
                                    .setExecution(execution(workflowId, runId)).setMaximumPageSize(1000)
                                    .setHistoryEventFilterType(HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
                                    .setNextPageToken(pageToken).build()));
            events.addAll(page.getHistory().getEventsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty() && events.size() < MAX_HISTORY_EVENTS);
        return events;
    }

    /** Runs a query by name (e.g. {@code __stack_trace}) and shows its answer as text. */
    public String query(UserToken user, String namespace, String workflowId, String runId, String queryType,
                        String argsJson) {
        QueryWorkflowResponse response = TemporalChannel.call("Query " + queryType, () ->
                temporal.stub(user, namespace).queryWorkflow(QueryWorkflowRequest.newBuilder()
                        .setNamespace(namespace).setExecution(execution(workflowId, runId))
                        .setQuery(WorkflowQuery.newBuilder().setQueryType(queryType)
                                .setQueryArgs(PayloadText.fromJson(argsJson))).build()));
        if (response.hasQueryRejected()) {
            return "Query rejected: the workflow is " + response.getQueryRejected().getStatus().name()
                    .replace("WORKFLOW_EXECUTION_STATUS_", "");
        }
        if (response.getQueryResult().getPayloadsCount() == 1) {
            Payload only = response.getQueryResult().getPayloads(0);
            String text = PayloadText.show(only);
            // The stack trace query answers a JSON string; show it with real line breaks.
            return text.startsWith("\"") ? unquote(text) : text;
        }
        return PayloadText.show(response.getQueryResult());
    }

    public void signal(UserToken user, String namespace, String workflowId, String runId, String signalName,
                       String inputJson) {
        if (signalName == null || signalName.isBlank()) {
            throw new BackendException("A signal needs a name", 400);
        }
        var input = PayloadText.fromJson(inputJson);
        TemporalChannel.call("Signal " + signalName, () -> temporal.stub(user, namespace).signalWorkflowExecution(
                SignalWorkflowExecutionRequest.newBuilder().setNamespace(namespace)
                        .setWorkflowExecution(execution(workflowId, runId)).setSignalName(signalName.trim())
                        .setInput(input).setIdentity(user.temporalIdentity())
                        .setRequestId(UUID.randomUUID().toString()).build()));
    }

    public void cancel(UserToken user, String namespace, String workflowId, String runId) {
        TemporalChannel.call("Cancel", () -> temporal.stub(user, namespace).requestCancelWorkflowExecution(
                RequestCancelWorkflowExecutionRequest.newBuilder().setNamespace(namespace)
                        .setWorkflowExecution(execution(workflowId, runId)).setIdentity(user.temporalIdentity())
                        .setRequestId(UUID.randomUUID().toString()).build()));
    }

    public void terminate(UserToken user, String namespace, String workflowId, String runId, String reason) {
        TemporalChannel.call("Terminate", () -> temporal.stub(user, namespace).terminateWorkflowExecution(
                TerminateWorkflowExecutionRequest.newBuilder().setNamespace(namespace)
                        .setWorkflowExecution(execution(workflowId, runId)).setIdentity(user.temporalIdentity())
                        .setReason(reason == null || reason.isBlank() ? "terminated from the dashboard by "
                                + user.email() : reason).build()));
    }

    /** Resets the run to the given WorkflowTaskCompleted (or later workflow task) event; returns the new run id. */
    public String reset(UserToken user, String namespace, String workflowId, String runId, long eventId,
                        String reason) {
        ResetWorkflowExecutionResponse response = TemporalChannel.call("Reset", () ->
                temporal.stub(user, namespace).resetWorkflowExecution(ResetWorkflowExecutionRequest.newBuilder()
                        .setNamespace(namespace).setWorkflowExecution(execution(workflowId, runId))
                        .setWorkflowTaskFinishEventId(eventId).setRequestId(UUID.randomUUID().toString())
                        .setReason(reason == null || reason.isBlank() ? "reset from the dashboard by " + user.email()
                                : reason).build()));
        return response.getRunId();
    }

    /** Namespace names straight from the gRPC target (development against a bare cell; see DashboardConfig). */
    public List<String> namespaceNames(UserToken user) {
        return TemporalChannel.call("Listing namespaces", () -> temporal.stub(user, null)
                .listNamespaces(ListNamespacesRequest.newBuilder().setPageSize(1000).build()))
                .getNamespacesList().stream().map(n -> n.getNamespaceInfo().getName()).sorted().toList();
    }

    static WorkflowExecution execution(String workflowId, String runId) {
        return WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId == null ? "" : runId).build();
    }

    private static String unquote(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, String.class);
        } catch (Exception e) {
            return json;
        }
    }
}
