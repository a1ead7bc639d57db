package io.cadenza.gateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.gateway.authz.RpcPolicy.Kind;
import io.cadenza.gateway.grpc.GatewayGrpcServer;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RpcTableTest {

    private final RequestInspector inspector = new RequestInspector(GatewayGrpcServer.SERVICES);

    private static Set<String> allMethods() {
        Set<String> names = new TreeSet<>();
        for (ServiceDescriptor service : GatewayGrpcServer.SERVICES) {
            for (MethodDescriptor<?, ?> m : service.getMethods()) {
                names.add(m.getFullMethodName());
            }
        }
        return names;
    }

    @Test
    void every_method_of_both_services_is_classified() {
        // A new SDK version with new RPCs fails here until they are added to RpcTable.
        Set<String> missing = new TreeSet<>(allMethods());
        missing.removeAll(RpcTable.all().keySet());
        assertThat(missing).as("methods missing from RpcTable").isEmpty();
    }

    @Test
    void the_table_names_no_method_the_services_do_not_have() {
        Set<String> stale = new TreeSet<>(RpcTable.all().keySet());
        stale.removeAll(allMethods());
        assertThat(stale).isEmpty();
    }

    @Test
    void every_namespaced_rpc_has_a_namespace_field_and_every_other_forwarded_one_has_none() {
        for (Map.Entry<String, RpcPolicy> e : RpcTable.all().entrySet()) {
            if (e.getValue().kind() == Kind.NAMESPACED) {
                assertThat(inspector.hasNamespaceField(e.getKey())).as(e.getKey()).isTrue();
            }
            if (e.getValue().kind() == Kind.CLUSTER_INFO || e.getValue().kind() == Kind.LIST_NAMESPACES) {
                assertThat(inspector.hasNamespaceField(e.getKey())).as(e.getKey()).isFalse();
            }
        }
    }

    @Test
    void cluster_wide_rpcs_without_namespace_are_refused_rather_than_forwarded() {
        // Any RPC without a namespace field that is forwarded could reach data of every tenant on a cell.
        List<String> forwardedWithoutNamespace = RpcTable.all().entrySet().stream()
                .filter(e -> !inspector.hasNamespaceField(e.getKey()))
                .filter(e -> e.getValue().kind() == Kind.NAMESPACED)
                .map(Map.Entry::getKey).toList();
        assertThat(forwardedWithoutNamespace).isEmpty();
        assertThat(kindOf("temporal.api.workflowservice.v1.WorkflowService/GetSearchAttributes"))
                .isEqualTo(Kind.CLUSTER_ADMIN);
        assertThat(kindOf("temporal.api.operatorservice.v1.OperatorService/ListClusters"))
                .isEqualTo(Kind.CLUSTER_ADMIN);
    }

    @Test
    void permissions_match_the_issue() {
        assertThat(permission("DescribeWorkflowExecution")).isEqualTo(Permission.READ);
        assertThat(permission("GetWorkflowExecutionHistory")).isEqualTo(Permission.READ);
        assertThat(permission("CountWorkflowExecutions")).isEqualTo(Permission.READ);
        assertThat(permission("QueryWorkflow")).isEqualTo(Permission.READ);
        assertThat(permission("StartWorkflowExecution")).isEqualTo(Permission.WRITE);
        assertThat(permission("PollWorkflowTaskQueue")).isEqualTo(Permission.WRITE);
        assertThat(permission("RecordActivityTaskHeartbeat")).isEqualTo(Permission.WRITE);
        assertThat(permission("CreateSchedule")).isEqualTo(Permission.WRITE);
        assertThat(permission("TerminateWorkflowExecution")).isEqualTo(Permission.WRITE);
        assertThat(permission("UpdateNamespace")).isEqualTo(Permission.ADMIN);
        assertThat(RpcTable.policy("temporal.api.operatorservice.v1.OperatorService/AddSearchAttributes")
                .orElseThrow().permission()).isEqualTo(Permission.ADMIN);
        assertThat(kindOf("temporal.api.workflowservice.v1.WorkflowService/RegisterNamespace"))
                .isEqualTo(Kind.MANAGED_BY_CONTROL_PLANE);
        assertThat(kindOf("temporal.api.operatorservice.v1.OperatorService/DeleteNamespace"))
                .isEqualTo(Kind.MANAGED_BY_CONTROL_PLANE);
    }

    @Test
    void standalone_activity_rpcs_are_reads_or_writes_as_their_data_plane_handlers_are() {
        // Served by the data plane's StandaloneActivityHandler (issue 21): reads see, writes change.
        for (String read : List.of("DescribeActivityExecution", "PollActivityExecution", "ListActivityExecutions",
                "CountActivityExecutions")) {
            assertThat(permission(read)).as(read).isEqualTo(Permission.READ);
            assertThat(RpcTable.policy(RpcTable.WORKFLOW_SERVICE + "/" + read).orElseThrow().action()).as(read)
                    .isFalse();
        }
        for (String write : List.of("StartActivityExecution", "RequestCancelActivityExecution",
                "TerminateActivityExecution", "DeleteActivityExecution")) {
            assertThat(permission(write)).as(write).isEqualTo(Permission.WRITE);
            assertThat(kindOf(RpcTable.WORKFLOW_SERVICE + "/" + write)).as(write).isEqualTo(Kind.NAMESPACED);
        }
        assertThat(RpcTable.policy(RpcTable.WORKFLOW_SERVICE + "/StartActivityExecution").orElseThrow().action())
                .as("starting a standalone activity is an action").isTrue();
        assertThat(RpcTable.policy(RpcTable.WORKFLOW_SERVICE + "/DeleteActivityExecution").orElseThrow().action())
                .as("deletes are not actions").isFalse();
    }

    @Test
    void actions_are_the_documented_set_and_polls_are_not_actions() {
        Set<String> actions = RpcTable.all().entrySet().stream().filter(e -> e.getValue().action())
                .map(e -> e.getKey().substring(e.getKey().lastIndexOf('/') + 1))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(actions).contains("StartWorkflowExecution", "SignalWorkflowExecution",
                "SignalWithStartWorkflowExecution", "ExecuteMultiOperation", "UpdateWorkflowExecution", "QueryWorkflow",
                "RespondWorkflowTaskCompleted", "RespondActivityTaskCompleted", "RespondActivityTaskFailed",
                "RespondActivityTaskCanceled", "RecordActivityTaskHeartbeat", "RecordActivityTaskHeartbeatById",
                "RequestCancelWorkflowExecution", "TerminateWorkflowExecution", "ResetWorkflowExecution",
                "CreateSchedule", "UpdateSchedule", "PatchSchedule");
        assertThat(actions).doesNotContain("PollWorkflowTaskQueue", "PollActivityTaskQueue", "PollNexusTaskQueue",
                "DescribeNamespace", "GetWorkflowExecutionHistory", "ListWorkflowExecutions");
        RpcTable.all().forEach((method, policy) -> {
            if (policy.action()) {
                assertThat(policy.kind()).as(method).isEqualTo(Kind.NAMESPACED);
            }
        });
    }

    private static Permission permission(String workflowServiceMethod) {
        return RpcTable.policy(RpcTable.WORKFLOW_SERVICE + "/" + workflowServiceMethod).orElseThrow().permission();
    }

    private static Kind kindOf(String method) {
        return RpcTable.policy(method).orElseThrow().kind();
    }
}
