package io.cadenza.gateway.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.gateway.grpc.GatewayGrpcServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.command.v1.Command;
import io.temporal.api.command.v1.SignalExternalWorkflowExecutionCommandAttributes;
import io.temporal.api.command.v1.StartChildWorkflowExecutionCommandAttributes;
import io.temporal.api.common.v1.Link;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.CommandType;
import io.temporal.api.workflowservice.v1.ExecuteMultiOperationRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import org.junit.jupiter.api.Test;

class RequestInspectorTest {

    private static final String WF = RpcTable.WORKFLOW_SERVICE + "/";
    private final RequestInspector inspector = new RequestInspector(GatewayGrpcServer.SERVICES);

    @Test
    void reads_the_namespace_of_a_real_request() {
        byte[] bytes = StartWorkflowExecutionRequest.newBuilder().setNamespace("orders.acme")
                .setWorkflowId("wf-1").setWorkflowType(WorkflowType.newBuilder().setName("W")).build().toByteArray();

        RequestInspector.Inspected inspected = inspector.inspect(WF + "StartWorkflowExecution", bytes);

        assertThat(inspected.namespace()).isEqualTo("orders.acme");
        assertThat(inspected.nested()).isEmpty();
    }

    @Test
    void a_request_without_namespace_field_yields_empty() {
        byte[] bytes = GetSystemInfoRequest.getDefaultInstance().toByteArray();
        assertThat(inspector.inspect(WF + "GetSystemInfo", bytes).namespace()).isEmpty();
    }

    @Test
    void garbage_is_invalid_argument() {
        assertThatThrownBy(() -> inspector.inspect(WF + "StartWorkflowExecution", new byte[] {(byte) 0xff, 1, 2}))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void a_child_workflow_in_another_namespace_is_refused() {
        // given a workflow task completion that starts a child in someone else's namespace
        RespondWorkflowTaskCompletedRequest request = RespondWorkflowTaskCompletedRequest.newBuilder()
                .setNamespace("orders.acme")
                .addCommands(Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION)
                        .setStartChildWorkflowExecutionCommandAttributes(StartChildWorkflowExecutionCommandAttributes
                                .newBuilder().setNamespace("payments.victim").setWorkflowId("x")))
                .build();

        // then
        assertThatThrownBy(() -> check(WF + "RespondWorkflowTaskCompleted", request))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                    assertThat(e.getStatus().getDescription()).contains("orders.acme", "payments.victim");
                });
    }

    @Test
    void commands_in_the_same_namespace_or_without_one_pass() {
        RespondWorkflowTaskCompletedRequest request = RespondWorkflowTaskCompletedRequest.newBuilder()
                .setNamespace("orders.acme")
                .addCommands(Command.newBuilder().setSignalExternalWorkflowExecutionCommandAttributes(
                        SignalExternalWorkflowExecutionCommandAttributes.newBuilder().setNamespace("orders.acme")))
                .addCommands(Command.newBuilder().setStartChildWorkflowExecutionCommandAttributes(
                        StartChildWorkflowExecutionCommandAttributes.newBuilder().setWorkflowId("child")))
                .build();

        assertThat(check(WF + "RespondWorkflowTaskCompleted", request).nested())
                .containsExactly(new RequestInspector.Nested("SignalExternalWorkflowExecutionCommandAttributes",
                        "orders.acme"));
    }

    @Test
    void multi_operation_with_a_foreign_start_is_refused() {
        ExecuteMultiOperationRequest request = ExecuteMultiOperationRequest.newBuilder().setNamespace("orders.acme")
                .addOperations(ExecuteMultiOperationRequest.Operation.newBuilder().setStartWorkflow(
                        StartWorkflowExecutionRequest.newBuilder().setNamespace("other.tenant")))
                .build();

        assertThatThrownBy(() -> check(WF + "ExecuteMultiOperation", request))
                .isInstanceOf(StatusRuntimeException.class);
    }

    @Test
    void links_are_references_and_are_not_checked() {
        StartWorkflowExecutionRequest request = StartWorkflowExecutionRequest.newBuilder().setNamespace("orders.acme")
                .addLinks(Link.newBuilder().setWorkflowEvent(Link.WorkflowEvent.newBuilder()
                        .setNamespace("caller.elsewhere")))
                .build();

        assertThat(check(WF + "StartWorkflowExecution", request).nested()).isEmpty();
    }

    @Test
    void the_last_top_level_namespace_wins_as_when_parsing() {
        // Two occurrences of a singular field: a parser (and so the cell) keeps the last one; so must the check.
        byte[] first = StartWorkflowExecutionRequest.newBuilder().setNamespace("mine.acme").build().toByteArray();
        byte[] second = StartWorkflowExecutionRequest.newBuilder().setNamespace("theirs.victim").build()
                .toByteArray();
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);

        assertThat(inspector.inspect(WF + "StartWorkflowExecution", both).namespace()).isEqualTo("theirs.victim");
    }

    @Test
    void a_foreign_namespace_after_payloads_and_in_a_later_command_is_found() {
        RespondWorkflowTaskCompletedRequest request = RespondWorkflowTaskCompletedRequest.newBuilder()
                .setNamespace("orders.acme")
                .addCommands(Command.newBuilder().setCompleteWorkflowExecutionCommandAttributes(
                        io.temporal.api.command.v1.CompleteWorkflowExecutionCommandAttributes.newBuilder()
                                .setResult(io.temporal.api.common.v1.Payloads.newBuilder().addPayloads(
                                        io.temporal.api.common.v1.Payload.newBuilder().setData(
                                                com.google.protobuf.ByteString.copyFrom(new byte[100_000]))))))
                .addCommands(Command.newBuilder().setRequestCancelExternalWorkflowExecutionCommandAttributes(
                        io.temporal.api.command.v1.RequestCancelExternalWorkflowExecutionCommandAttributes
                                .newBuilder().setNamespace("payments.victim").setWorkflowId("w")))
                .build();

        assertThatThrownBy(() -> check(WF + "RespondWorkflowTaskCompleted", request))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    }

    @Test
    void a_truncated_request_is_invalid_argument() {
        byte[] bytes = RespondWorkflowTaskCompletedRequest.newBuilder().setNamespace("orders.acme")
                .addCommands(Command.newBuilder().setStartChildWorkflowExecutionCommandAttributes(
                        StartChildWorkflowExecutionCommandAttributes.newBuilder().setNamespace("orders.acme")
                                .setWorkflowId("child")))
                .build().toByteArray();
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);

        assertThatThrownBy(() -> inspector.inspect(WF + "RespondWorkflowTaskCompleted", truncated))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    private RequestInspector.Inspected check(String method, com.google.protobuf.Message request) {
        RequestInspector.Inspected inspected = inspector.inspect(method, request.toByteArray());
        inspected.requireNoForeignNamespace();
        return inspected;
    }
}
