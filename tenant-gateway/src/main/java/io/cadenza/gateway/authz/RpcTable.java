package io.cadenza.gateway.authz;

import static io.cadenza.gateway.authz.Permission.ADMIN;
import static io.cadenza.gateway.authz.Permission.READ;
import static io.cadenza.gateway.authz.Permission.WRITE;

import io.cadenza.gateway.authz.RpcPolicy.Kind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every Temporal RPC the gateway knows, with the permission it needs and whether it counts as an action.
 *
 * <p>Rules (README "RPC tables"): read = describe/list/count/get/scan/query and waiting for results; write =
 * everything a worker or client does to executions, schedules, task queues and worker deployments; admin =
 * namespace settings and search attributes. An RPC is an <em>action</em> when it creates, advances or changes an
 * execution or a schedule on the tenant's behalf (plus QueryWorkflow); polls, worker bookkeeping, deletes and
 * configuration are not. {@code RpcTableTest} fails when an SDK upgrade adds a method that is not classified here.
 */
public final class RpcTable {

    public static final String WORKFLOW_SERVICE = "temporal.api.workflowservice.v1.WorkflowService";
    public static final String OPERATOR_SERVICE = "temporal.api.operatorservice.v1.OperatorService";

    private static final Map<String, RpcPolicy> POLICIES = build();

    private RpcTable() {
    }

    /** The policy for a full method name ({@code service/Method}), empty if the gateway does not know it. */
    public static Optional<RpcPolicy> policy(String fullMethodName) {
        return Optional.ofNullable(POLICIES.get(fullMethodName));
    }

    public static Map<String, RpcPolicy> all() {
        return POLICIES;
    }

    private static Map<String, RpcPolicy> build() {
        Map<String, RpcPolicy> t = new LinkedHashMap<>();
        // --- WorkflowService: read ---
        for (String m : new String[] {
                "CountActivityExecutions", "CountNexusOperationExecutions", "CountSchedules", "CountWorkers",
                "CountWorkflowExecutions", "DescribeActivityExecution", "DescribeBatchOperation",
                "DescribeDeployment", "DescribeNamespace", "DescribeNexusOperationExecution", "DescribeSchedule",
                "DescribeTaskQueue", "DescribeWorker", "DescribeWorkerDeployment", "DescribeWorkerDeploymentVersion",
                "DescribeWorkflowExecution", "DescribeWorkflowRule", "FetchWorkerConfig", "GetCurrentDeployment",
                "GetDeploymentReachability", "GetWorkerBuildIdCompatibility", "GetWorkerTaskReachability",
                "GetWorkerVersioningRules", "GetWorkflowExecutionHistory", "GetWorkflowExecutionHistoryReverse",
                "ListActivityExecutions", "ListArchivedWorkflowExecutions", "ListBatchOperations",
                "ListClosedWorkflowExecutions", "ListDeployments", "ListNexusOperationExecutions",
                "ListOpenWorkflowExecutions", "ListScheduleMatchingTimes", "ListSchedules",
                "ListTaskQueuePartitions", "ListWorkerDeployments", "ListWorkers", "ListWorkflowExecutions",
                "ListWorkflowRules", "ScanWorkflowExecutions",
                // waiting for the outcome of something already started reveals nothing a read cannot see
                "PollWorkflowExecutionUpdate", "PollActivityExecution", "PollNexusOperationExecution"}) {
            t.put(wf(m), RpcPolicy.namespaced(READ, false));
        }
        t.put(wf("QueryWorkflow"), RpcPolicy.namespaced(READ, true));

        // --- WorkflowService: write, counted as actions ---
        for (String m : new String[] {
                "StartWorkflowExecution", "SignalWorkflowExecution", "SignalWithStartWorkflowExecution",
                "ExecuteMultiOperation", "UpdateWorkflowExecution", "RequestCancelWorkflowExecution",
                "TerminateWorkflowExecution", "ResetWorkflowExecution", "PauseWorkflowExecution",
                "UnpauseWorkflowExecution", "RespondWorkflowTaskCompleted", "RespondWorkflowTaskFailed",
                "RespondActivityTaskCompleted", "RespondActivityTaskCompletedById", "RespondActivityTaskFailed",
                "RespondActivityTaskFailedById", "RespondActivityTaskCanceled", "RespondActivityTaskCanceledById",
                "RecordActivityTaskHeartbeat", "RecordActivityTaskHeartbeatById", "PauseActivity", "UnpauseActivity",
                "ResetActivity", "StartActivityExecution", "RequestCancelActivityExecution",
                "TerminateActivityExecution", "PauseActivityExecution", "UnpauseActivityExecution",
                "ResetActivityExecution", "RespondNexusTaskCompleted", "RespondNexusTaskFailed",
                "StartNexusOperationExecution", "RequestCancelNexusOperationExecution",
                "TerminateNexusOperationExecution", "CreateSchedule", "UpdateSchedule", "PatchSchedule",
                "StartBatchOperation", "TriggerWorkflowRule"}) {
            t.put(wf(m), RpcPolicy.namespaced(WRITE, true));
        }
        // --- WorkflowService: write, not actions (polls, worker bookkeeping, deletes, configuration) ---
        for (String m : new String[] {
                "PollWorkflowTaskQueue", "PollActivityTaskQueue", "PollNexusTaskQueue", "RespondQueryTaskCompleted",
                "ResetStickyTaskQueue", "ShutdownWorker", "RecordWorkerHeartbeat", "UpdateWorkerConfig",
                "UpdateTaskQueueConfig", "DeleteWorkflowExecution", "DeleteActivityExecution",
                "DeleteNexusOperationExecution", "DeleteSchedule", "StopBatchOperation",
                "UpdateWorkflowExecutionOptions", "UpdateActivityOptions", "UpdateActivityExecutionOptions",
                "CreateWorkflowRule", "DeleteWorkflowRule", "UpdateWorkerBuildIdCompatibility",
                "UpdateWorkerVersioningRules", "SetCurrentDeployment", "CreateWorkerDeployment",
                "DeleteWorkerDeployment", "CreateWorkerDeploymentVersion", "DeleteWorkerDeploymentVersion",
                "SetWorkerDeploymentCurrentVersion", "SetWorkerDeploymentRampingVersion",
                "SetWorkerDeploymentManager", "UpdateWorkerDeploymentVersionMetadata",
                "UpdateWorkerDeploymentVersionComputeConfig", "ValidateWorkerDeploymentVersionComputeConfig"}) {
            t.put(wf(m), RpcPolicy.namespaced(WRITE, false));
        }
        // --- WorkflowService: admin ---
        t.put(wf("UpdateNamespace"), RpcPolicy.namespaced(ADMIN, false));
        // --- WorkflowService: not forwarded by namespace ---
        t.put(wf("GetSystemInfo"), RpcPolicy.of(Kind.CLUSTER_INFO));
        t.put(wf("GetClusterInfo"), RpcPolicy.of(Kind.CLUSTER_INFO));
        t.put(wf("ListNamespaces"), RpcPolicy.of(Kind.LIST_NAMESPACES));
        t.put(wf("RegisterNamespace"), RpcPolicy.of(Kind.MANAGED_BY_CONTROL_PLANE));
        t.put(wf("DeprecateNamespace"), RpcPolicy.of(Kind.MANAGED_BY_CONTROL_PLANE));
        // cluster-wide list of search attributes (no namespace): would show other tenants' attribute names
        t.put(wf("GetSearchAttributes"), RpcPolicy.of(Kind.CLUSTER_ADMIN));

        // --- OperatorService ---
        t.put(op("ListSearchAttributes"), RpcPolicy.namespaced(READ, false));
        t.put(op("AddSearchAttributes"), RpcPolicy.namespaced(ADMIN, false));
        t.put(op("RemoveSearchAttributes"), RpcPolicy.namespaced(ADMIN, false));
        t.put(op("DeleteNamespace"), RpcPolicy.of(Kind.MANAGED_BY_CONTROL_PLANE));
        for (String m : new String[] {
                "AddOrUpdateRemoteCluster", "RemoveRemoteCluster", "ListClusters", "CreateNexusEndpoint",
                "UpdateNexusEndpoint", "DeleteNexusEndpoint", "GetNexusEndpoint", "ListNexusEndpoints"}) {
            t.put(op(m), RpcPolicy.of(Kind.CLUSTER_ADMIN));
        }
        return Collections.unmodifiableMap(t);
    }

    private static String wf(String method) {
        return WORKFLOW_SERVICE + "/" + method;
    }

    private static String op(String method) {
        return OPERATOR_SERVICE + "/" + method;
    }
}
