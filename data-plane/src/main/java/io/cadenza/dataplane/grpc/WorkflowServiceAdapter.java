package io.cadenza.dataplane.grpc;

import io.cadenza.dataplane.api.ActivityTaskHandler;
import io.cadenza.dataplane.api.CancelWorkflowHandler;
import io.cadenza.dataplane.api.DescribeWorkflowHandler;
import io.cadenza.dataplane.api.HistoryHandler;
import io.cadenza.dataplane.api.NamespaceHandler;
import io.cadenza.dataplane.api.QueryWorkflowHandler;
import io.cadenza.dataplane.api.SignalWorkflowHandler;
import io.cadenza.dataplane.api.StartWorkflowHandler;
import io.cadenza.dataplane.api.WorkflowTaskHandler;
import io.cadenza.dataplane.config.DataPlaneConfig;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.temporal.api.workflowservice.v1.*;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Temporal's WorkflowService over gRPC. A thin adapter: each RPC calls its handler, which completes
 * asynchronously; errors become gRPC statuses. RPCs not listed here answer UNIMPLEMENTED.
 */
@GrpcService
public class WorkflowServiceAdapter extends WorkflowServiceGrpc.WorkflowServiceImplBase {

    /** The Temporal server version whose API this cell speaks. */
    /** Long polls answer this long before the caller's deadline so the empty answer arrives in time. */
    private static final long DEADLINE_MARGIN_MILLIS = 1000;

    private final NamespaceHandler namespaces;
    private final StartWorkflowHandler starts;
    private final SignalWorkflowHandler signals;
    private final CancelWorkflowHandler cancels;
    private final WorkflowTaskHandler workflowTasks;
    private final ActivityTaskHandler activityTasks;
    private final QueryWorkflowHandler queries;
    private final HistoryHandler histories;
    private final DescribeWorkflowHandler describes;
    private final io.cadenza.dataplane.api.UpdateWorkflowHandler updates;
    private final io.cadenza.dataplane.api.ResetWorkflowHandler resets;
    private final io.cadenza.dataplane.api.VisibilityHandler visibility;
    private final io.cadenza.dataplane.api.ScheduleHandler schedules;
    private final io.cadenza.dataplane.api.TaskQueueHandler taskQueues;
    private final ServerInfo serverInfo;
    private final DataPlaneConfig config;
    private final HandlerDispatch dispatch;
    private final io.cadenza.dataplane.api.StandaloneActivityHandler standaloneActivities;
    private final io.cadenza.dataplane.api.BatchOperationHandler batches;

    private final InstantSource clock;

    public WorkflowServiceAdapter(NamespaceHandler namespaces, StartWorkflowHandler starts,
                                  SignalWorkflowHandler signals, CancelWorkflowHandler cancels,
                                  WorkflowTaskHandler workflowTasks, ActivityTaskHandler activityTasks,
                                  QueryWorkflowHandler queries, HistoryHandler histories,
                                  DescribeWorkflowHandler describes,
                                  io.cadenza.dataplane.api.UpdateWorkflowHandler updates,
                                  io.cadenza.dataplane.api.ResetWorkflowHandler resets,
                                  io.cadenza.dataplane.api.VisibilityHandler visibility,
                                  io.cadenza.dataplane.api.ScheduleHandler schedules,
                                  io.cadenza.dataplane.api.TaskQueueHandler taskQueues,
                                  ServerInfo serverInfo, DataPlaneConfig config,
                                  HandlerDispatch dispatch,
                                  io.cadenza.dataplane.api.StandaloneActivityHandler standaloneActivities,
                                  io.cadenza.dataplane.api.BatchOperationHandler batches,
                                  InstantSource clock) {
        this.clock = clock;
        this.batches = batches;
        this.standaloneActivities = standaloneActivities;
        this.dispatch = dispatch;
        this.taskQueues = taskQueues;
        this.serverInfo = serverInfo;
        this.schedules = schedules;
        this.visibility = visibility;
        this.updates = updates;
        this.resets = resets;
        this.namespaces = namespaces;
        this.starts = starts;
        this.signals = signals;
        this.cancels = cancels;
        this.workflowTasks = workflowTasks;
        this.activityTasks = activityTasks;
        this.queries = queries;
        this.histories = histories;
        this.describes = describes;
        this.config = config;
    }

    @Override
    public void getSystemInfo(GetSystemInfoRequest request, StreamObserver<GetSystemInfoResponse> out) {
        sync(out, serverInfo::systemInfo);
    }

    @Override
    public void getClusterInfo(GetClusterInfoRequest request, StreamObserver<GetClusterInfoResponse> out) {
        sync(out, serverInfo::clusterInfo);
    }

    @Override
    public void describeTaskQueue(DescribeTaskQueueRequest request, StreamObserver<DescribeTaskQueueResponse> out) {
        sync(out, () -> taskQueues.describe(request));
    }

    @Override
    public void getWorkflowExecutionHistoryReverse(GetWorkflowExecutionHistoryReverseRequest request,
                                                   StreamObserver<GetWorkflowExecutionHistoryReverseResponse> out) {
        async(out, () -> histories.reverse(request));
    }

    // ---- namespaces ----

    @Override
    public void describeNamespace(DescribeNamespaceRequest request, StreamObserver<DescribeNamespaceResponse> out) {
        sync(out, () -> namespaces.describe(request));
    }

    @Override
    public void listNamespaces(ListNamespacesRequest request, StreamObserver<ListNamespacesResponse> out) {
        sync(out, () -> namespaces.list(request));
    }

    @Override
    public void registerNamespace(RegisterNamespaceRequest request, StreamObserver<RegisterNamespaceResponse> out) {
        async(out, () -> namespaces.register(request).thenApply(v -> RegisterNamespaceResponse.getDefaultInstance()));
    }

    @Override
    public void updateNamespace(UpdateNamespaceRequest request, StreamObserver<UpdateNamespaceResponse> out) {
        async(out, () -> namespaces.update(request));
    }

    // ---- starting and addressing workflows ----

    @Override
    public void startWorkflowExecution(StartWorkflowExecutionRequest request,
                                       StreamObserver<StartWorkflowExecutionResponse> out) {
        async(out, () -> starts.start(request));
    }

    @Override
    public void signalWithStartWorkflowExecution(SignalWithStartWorkflowExecutionRequest request,
                                                 StreamObserver<SignalWithStartWorkflowExecutionResponse> out) {
        async(out, () -> starts.signalWithStart(request, signals));
    }

    @Override
    public void signalWorkflowExecution(SignalWorkflowExecutionRequest request,
                                        StreamObserver<SignalWorkflowExecutionResponse> out) {
        async(out, () -> signals.signal(request).thenApply(v -> SignalWorkflowExecutionResponse.getDefaultInstance()));
    }

    @Override
    public void requestCancelWorkflowExecution(RequestCancelWorkflowExecutionRequest request,
                                               StreamObserver<RequestCancelWorkflowExecutionResponse> out) {
        async(out, () -> cancels.requestCancel(request)
                .thenApply(v -> RequestCancelWorkflowExecutionResponse.getDefaultInstance()));
    }

    @Override
    public void terminateWorkflowExecution(TerminateWorkflowExecutionRequest request,
                                           StreamObserver<TerminateWorkflowExecutionResponse> out) {
        async(out, () -> cancels.terminate(request)
                .thenApply(v -> TerminateWorkflowExecutionResponse.getDefaultInstance()));
    }

    @Override
    public void queryWorkflow(QueryWorkflowRequest request, StreamObserver<QueryWorkflowResponse> out) {
        async(out, () -> queries.query(request, deadline(Long.MAX_VALUE)));
    }

    @Override
    public void getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest request,
                                            StreamObserver<GetWorkflowExecutionHistoryResponse> out) {
        async(out, () -> histories.history(request, deadline(config.longPollMillis())));
    }

    @Override
    public void describeWorkflowExecution(DescribeWorkflowExecutionRequest request,
                                          StreamObserver<DescribeWorkflowExecutionResponse> out) {
        async(out, () -> describes.describe(request));
    }

    // ---- schedules ----

    @Override
    public void createSchedule(CreateScheduleRequest request, StreamObserver<CreateScheduleResponse> out) {
        async(out, () -> schedules.create(request));
    }

    @Override
    public void describeSchedule(DescribeScheduleRequest request, StreamObserver<DescribeScheduleResponse> out) {
        async(out, () -> schedules.describe(request));
    }

    @Override
    public void updateSchedule(UpdateScheduleRequest request, StreamObserver<UpdateScheduleResponse> out) {
        async(out, () -> schedules.update(request));
    }

    @Override
    public void patchSchedule(PatchScheduleRequest request, StreamObserver<PatchScheduleResponse> out) {
        async(out, () -> schedules.patch(request));
    }

    @Override
    public void deleteSchedule(DeleteScheduleRequest request, StreamObserver<DeleteScheduleResponse> out) {
        async(out, () -> schedules.delete(request));
    }

    @Override
    public void listSchedules(ListSchedulesRequest request, StreamObserver<ListSchedulesResponse> out) {
        async(out, () -> schedules.list(request));
    }

    @Override
    public void listScheduleMatchingTimes(ListScheduleMatchingTimesRequest request,
                                          StreamObserver<ListScheduleMatchingTimesResponse> out) {
        async(out, () -> schedules.matchingTimes(request));
    }

    // ---- visibility ----

    @Override
    public void listWorkflowExecutions(ListWorkflowExecutionsRequest request,
                                       StreamObserver<ListWorkflowExecutionsResponse> out) {
        async(out, () -> visibility.list(request.getNamespace(), request.getQuery(), request.getPageSize(),
                request.getNextPageToken()));
    }

    @Override
    public void scanWorkflowExecutions(ScanWorkflowExecutionsRequest request,
                                       StreamObserver<ScanWorkflowExecutionsResponse> out) {
        async(out, () -> visibility.list(request.getNamespace(), request.getQuery(), request.getPageSize(),
                        request.getNextPageToken())
                .thenApply(r -> ScanWorkflowExecutionsResponse.newBuilder().addAllExecutions(r.getExecutionsList())
                        .setNextPageToken(r.getNextPageToken()).build()));
    }

    @Override
    public void countWorkflowExecutions(CountWorkflowExecutionsRequest request,
                                        StreamObserver<CountWorkflowExecutionsResponse> out) {
        async(out, () -> visibility.count(request));
    }

    @Override
    public void listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest request,
                                           StreamObserver<ListOpenWorkflowExecutionsResponse> out) {
        async(out, () -> visibility.listOpen(request));
    }

    @Override
    public void listClosedWorkflowExecutions(ListClosedWorkflowExecutionsRequest request,
                                             StreamObserver<ListClosedWorkflowExecutionsResponse> out) {
        async(out, () -> visibility.listClosed(request));
    }

    @Override
    public void resetWorkflowExecution(ResetWorkflowExecutionRequest request,
                                       StreamObserver<ResetWorkflowExecutionResponse> out) {
        async(out, () -> resets.reset(request));
    }

    @Override
    public void updateWorkflowExecution(UpdateWorkflowExecutionRequest request,
                                        StreamObserver<UpdateWorkflowExecutionResponse> out) {
        async(out, () -> updates.update(request, deadline(config.longPollMillis())));
    }

    @Override
    public void pollWorkflowExecutionUpdate(PollWorkflowExecutionUpdateRequest request,
                                            StreamObserver<PollWorkflowExecutionUpdateResponse> out) {
        async(out, () -> updates.poll(request, deadline(config.longPollMillis())));
    }

    // ---- workflow tasks ----

    @Override
    public void pollWorkflowTaskQueue(PollWorkflowTaskQueueRequest request,
                                      StreamObserver<PollWorkflowTaskQueueResponse> out) {
        io.cadenza.dataplane.matching.PollScope scope = pollScope(out);
        async(out, () -> workflowTasks.poll(request, deadline(config.longPollMillis()), scope));
    }

    @Override
    public void respondWorkflowTaskCompleted(RespondWorkflowTaskCompletedRequest request,
                                             StreamObserver<RespondWorkflowTaskCompletedResponse> out) {
        async(out, () -> workflowTasks.complete(request));
    }

    @Override
    public void respondWorkflowTaskFailed(RespondWorkflowTaskFailedRequest request,
                                          StreamObserver<RespondWorkflowTaskFailedResponse> out) {
        async(out, () -> workflowTasks.fail(request).thenApply(v -> RespondWorkflowTaskFailedResponse.getDefaultInstance()));
    }

    @Override
    public void respondQueryTaskCompleted(RespondQueryTaskCompletedRequest request,
                                          StreamObserver<RespondQueryTaskCompletedResponse> out) {
        sync(out, () -> {
            queries.completed(request);
            return RespondQueryTaskCompletedResponse.getDefaultInstance();
        });
    }

    @Override
    public void resetStickyTaskQueue(ResetStickyTaskQueueRequest request,
                                     StreamObserver<ResetStickyTaskQueueResponse> out) {
        async(out, () -> workflowTasks.resetSticky(request)
                .thenApply(v -> ResetStickyTaskQueueResponse.getDefaultInstance()));
    }

    @Override
    public void shutdownWorker(ShutdownWorkerRequest request, StreamObserver<ShutdownWorkerResponse> out) {
        async(out, () -> workflowTasks.shutdownWorker(request.getNamespace(), request.getStickyTaskQueue())
                .thenApply(v -> ShutdownWorkerResponse.getDefaultInstance()));
    }

    // ---- activity tasks ----

    @Override
    public void pollActivityTaskQueue(PollActivityTaskQueueRequest request,
                                      StreamObserver<PollActivityTaskQueueResponse> out) {
        io.cadenza.dataplane.matching.PollScope scope = pollScope(out);
        async(out, () -> activityTasks.poll(request, deadline(config.longPollMillis()), scope));
    }

    @Override
    public void respondActivityTaskCompleted(RespondActivityTaskCompletedRequest request,
                                             StreamObserver<RespondActivityTaskCompletedResponse> out) {
        async(out, () -> activityTasks.completed(request.getTaskToken(), request.getResult(), request.getIdentity())
                .thenApply(v -> RespondActivityTaskCompletedResponse.getDefaultInstance()));
    }

    @Override
    public void respondActivityTaskCompletedById(RespondActivityTaskCompletedByIdRequest request,
                                                 StreamObserver<RespondActivityTaskCompletedByIdResponse> out) {
        async(out, () -> activityTasks.completedById(request.getNamespace(), request.getWorkflowId(),
                        request.getRunId(), request.getActivityId(), request.getResult(), request.getIdentity())
                .thenApply(v -> RespondActivityTaskCompletedByIdResponse.getDefaultInstance()));
    }

    @Override
    public void respondActivityTaskFailed(RespondActivityTaskFailedRequest request,
                                          StreamObserver<RespondActivityTaskFailedResponse> out) {
        async(out, () -> activityTasks.failed(request.getTaskToken(), request.getFailure(),
                        request.getLastHeartbeatDetails(), request.getIdentity())
                .thenApply(v -> RespondActivityTaskFailedResponse.getDefaultInstance()));
    }

    @Override
    public void respondActivityTaskFailedById(RespondActivityTaskFailedByIdRequest request,
                                              StreamObserver<RespondActivityTaskFailedByIdResponse> out) {
        async(out, () -> activityTasks.failedById(request.getNamespace(), request.getWorkflowId(),
                        request.getRunId(), request.getActivityId(), request.getFailure(),
                        request.getLastHeartbeatDetails(), request.getIdentity())
                .thenApply(v -> RespondActivityTaskFailedByIdResponse.getDefaultInstance()));
    }

    @Override
    public void respondActivityTaskCanceled(RespondActivityTaskCanceledRequest request,
                                            StreamObserver<RespondActivityTaskCanceledResponse> out) {
        async(out, () -> activityTasks.canceled(request.getTaskToken(), request.getDetails(), request.getIdentity())
                .thenApply(v -> RespondActivityTaskCanceledResponse.getDefaultInstance()));
    }

    @Override
    public void respondActivityTaskCanceledById(RespondActivityTaskCanceledByIdRequest request,
                                                StreamObserver<RespondActivityTaskCanceledByIdResponse> out) {
        async(out, () -> activityTasks.canceledById(request.getNamespace(), request.getWorkflowId(),
                        request.getRunId(), request.getActivityId(), request.getDetails(), request.getIdentity())
                .thenApply(v -> RespondActivityTaskCanceledByIdResponse.getDefaultInstance()));
    }

    @Override
    public void recordActivityTaskHeartbeat(RecordActivityTaskHeartbeatRequest request,
                                            StreamObserver<RecordActivityTaskHeartbeatResponse> out) {
        async(out, () -> activityTasks.heartbeat(request.getTaskToken(), request.getDetails())
                .thenApply(cancel -> RecordActivityTaskHeartbeatResponse.newBuilder().setCancelRequested(cancel)
                        .build()));
    }

    @Override
    public void recordActivityTaskHeartbeatById(RecordActivityTaskHeartbeatByIdRequest request,
                                                StreamObserver<RecordActivityTaskHeartbeatByIdResponse> out) {
        async(out, () -> activityTasks.heartbeatById(request.getNamespace(), request.getWorkflowId(),
                        request.getRunId(), request.getActivityId(), request.getDetails())
                .thenApply(cancel -> RecordActivityTaskHeartbeatByIdResponse.newBuilder().setCancelRequested(cancel)
                        .build()));
    }

    // ---- standalone activities ----

    @Override
    public void startActivityExecution(StartActivityExecutionRequest request,
                                       StreamObserver<StartActivityExecutionResponse> out) {
        async(out, () -> standaloneActivities.start(request));
    }

    @Override
    public void describeActivityExecution(DescribeActivityExecutionRequest request,
                                          StreamObserver<DescribeActivityExecutionResponse> out) {
        async(out, () -> standaloneActivities.describe(request, deadline(config.longPollMillis())));
    }

    @Override
    public void pollActivityExecution(PollActivityExecutionRequest request,
                                      StreamObserver<PollActivityExecutionResponse> out) {
        async(out, () -> standaloneActivities.poll(request, deadline(config.longPollMillis())));
    }

    @Override
    public void listActivityExecutions(ListActivityExecutionsRequest request,
                                       StreamObserver<ListActivityExecutionsResponse> out) {
        async(out, () -> standaloneActivities.list(request));
    }

    @Override
    public void countActivityExecutions(CountActivityExecutionsRequest request,
                                        StreamObserver<CountActivityExecutionsResponse> out) {
        async(out, () -> standaloneActivities.count(request));
    }

    @Override
    public void requestCancelActivityExecution(RequestCancelActivityExecutionRequest request,
                                               StreamObserver<RequestCancelActivityExecutionResponse> out) {
        async(out, () -> standaloneActivities.requestCancel(request));
    }

    @Override
    public void terminateActivityExecution(TerminateActivityExecutionRequest request,
                                           StreamObserver<TerminateActivityExecutionResponse> out) {
        async(out, () -> standaloneActivities.terminate(request));
    }

    @Override
    public void deleteActivityExecution(DeleteActivityExecutionRequest request,
                                        StreamObserver<DeleteActivityExecutionResponse> out) {
        async(out, () -> standaloneActivities.delete(request));
    }

    // ---- batch operations ----

    @Override
    public void startBatchOperation(StartBatchOperationRequest request, StreamObserver<StartBatchOperationResponse> out) {
        async(out, () -> batches.start(request));
    }

    @Override
    public void describeBatchOperation(DescribeBatchOperationRequest request,
                                       StreamObserver<DescribeBatchOperationResponse> out) {
        async(out, () -> batches.describe(request));
    }

    @Override
    public void listBatchOperations(ListBatchOperationsRequest request, StreamObserver<ListBatchOperationsResponse> out) {
        async(out, () -> batches.list(request));
    }

    @Override
    public void stopBatchOperation(StopBatchOperationRequest request, StreamObserver<StopBatchOperationResponse> out) {
        async(out, () -> batches.stop(request));
    }

    // ---- plumbing ----

    /** The time by which a long poll must answer: before the caller's deadline, and within {@code cap}. */
    private long deadline(long capMillis) {
        long now = clock.millis();
        long cap = capMillis == Long.MAX_VALUE ? Long.MAX_VALUE : now + capMillis;
        Deadline d = Context.current().getDeadline();
        if (d == null) {
            return capMillis == Long.MAX_VALUE ? now + 60_000 : cap;
        }
        long byCaller = now + d.timeRemaining(TimeUnit.MILLISECONDS) - DEADLINE_MARGIN_MILLIS;
        return Math.min(cap, Math.max(now, byCaller));
    }

    /** A poll scope cancelled when the caller cancels the call (a worker shutting down). */
    private static io.cadenza.dataplane.matching.PollScope pollScope(StreamObserver<?> out) {
        io.cadenza.dataplane.matching.PollScope scope = new io.cadenza.dataplane.matching.PollScope();
        if (out instanceof io.grpc.stub.ServerCallStreamObserver<?> call) {
            call.setOnCancelHandler(scope::cancel);
        }
        return scope;
    }

    private <T> void sync(StreamObserver<T> out, Supplier<T> call) {
        async(out, () -> CompletableFuture.completedFuture(call.get()));
    }

    private <T> void async(StreamObserver<T> out, Supplier<? extends CompletionStage<T>> call) {
        GrpcReplies.async(dispatch, out, call);
    }
}
