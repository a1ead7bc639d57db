package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class VisibilityTest extends SdkTestSupport {

    static final SearchAttributeKey<String> CUSTOMER = SearchAttributeKey.forKeyword("CustomerId");
    static final SearchAttributeKey<Long> AMOUNT = SearchAttributeKey.forLong("OrderAmount");

    @WorkflowInterface
    public interface OrderWorkflow {
        @WorkflowMethod
        String run(String mode, long amount);
    }

    public static class OrderWorkflowImpl implements OrderWorkflow {
        @Override
        public String run(String mode, long amount) {
            Workflow.upsertTypedSearchAttributes(AMOUNT.valueSet(amount));
            if (mode.equals("wait")) {
                Workflow.await(() -> false);
            }
            if (mode.equals("fail")) {
                throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure("no", "No");
            }
            return mode;
        }
    }

    private void defineAttributes() {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
                OperatorServiceStubsOptions.newBuilder().setChannel(service.getRawChannel()).validateAndBuildWithDefaults());
        var existing = operator.blockingStub().listSearchAttributes(
                ListSearchAttributesRequest.newBuilder().setNamespace(NAMESPACE).build()).getCustomAttributesMap();
        if (!existing.containsKey("CustomerId")) {
            operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder().setNamespace(NAMESPACE)
                    .putSearchAttributes("CustomerId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                    .putSearchAttributes("OrderAmount", IndexedValueType.INDEXED_VALUE_TYPE_INT).build());
        }
    }

    private String start(OrderWorkflow stubType, String customer, String mode, long amount) {
        String id = uniqueId("order");
        OrderWorkflow wf = client.newWorkflowStub(OrderWorkflow.class, workflowOptions().setWorkflowId(id)
                .setTypedSearchAttributes(SearchAttributes.newBuilder().set(CUSTOMER, customer).build()).build());
        WorkflowClient.start(wf::run, mode, amount);
        return id;
    }

    private Set<String> ids(String query) {
        return client.listExecutions(query).map(m -> m.getExecution().getWorkflowId()).collect(Collectors.toSet());
    }

    @Test
    void listQueriesFilterOnSystemAndCustomAttributes() {
        // given a customer with three orders: completed, failed, still running
        defineAttributes();
        newWorker().registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
        startWorkers();
        String customer = "cust-" + UUID.randomUUID();
        String done = start(null, customer, "done", 10);
        String failed = start(null, customer, "fail", 250);
        String running = start(null, customer, "wait", 999);
        String scope = "CustomerId = '" + customer + "'";
        Poll.until(Duration.ofSeconds(10), () -> ids(scope + " AND ExecutionStatus != 'Running'").size() == 2
                && ids(scope + " AND OrderAmount = 999").size() == 1, "orders visible");

        // then each operator narrows the list as Temporal's would
        assertThat(ids(scope)).containsExactlyInAnyOrder(done, failed, running);
        assertThat(ids(scope + " AND ExecutionStatus = 'Running'")).containsExactly(running);
        assertThat(ids(scope + " AND ExecutionStatus IN ('Completed', 'Failed')")).containsExactlyInAnyOrder(done, failed);
        assertThat(ids(scope + " AND OrderAmount > 100")).containsExactlyInAnyOrder(failed, running);
        assertThat(ids(scope + " AND OrderAmount BETWEEN 5 AND 300")).containsExactlyInAnyOrder(done, failed);
        assertThat(ids(scope + " AND (OrderAmount < 50 OR ExecutionStatus = 'Running')"))
                .containsExactlyInAnyOrder(done, running);
        assertThat(ids(scope + " AND WorkflowId STARTS_WITH 'order-'")).hasSize(3);
        assertThat(ids(scope + " AND CloseTime IS NULL")).containsExactly(running);
        assertThat(ids(scope + " AND CloseTime IS NOT NULL AND WorkflowType = 'OrderWorkflow'")).hasSize(2);
        assertThat(ids(scope + " AND TaskQueue = '" + taskQueue + "' AND HistoryLength > 0")).hasSize(3);
        assertThat(ids(scope + " AND StartTime > '2020-01-01T00:00:00Z' ORDER BY StartTime ASC")).hasSize(3);

        // and counts group by status
        var count = rawStub().countWorkflowExecutions(CountWorkflowExecutionsRequest.newBuilder()
                .setNamespace(NAMESPACE).setQuery(scope + " GROUP BY ExecutionStatus").build());
        assertThat(count.getCount()).isEqualTo(3);
        assertThat(count.getGroupsList()).hasSize(3);
        assertThat(client.countWorkflows(scope).getCount()).isEqualTo(3);

        // and typed search attributes come back
        List<WorkflowExecutionMetadata> found = client.listExecutions("WorkflowId = '" + running + "'").toList();
        assertThat(found.get(0).getTypedSearchAttributes().get(CUSTOMER)).isEqualTo(customer);
        client.newUntypedWorkflowStub(running).terminate("test cleanup");
    }

    @Test
    void listsArePagedWithATokenAndSeeEveryRunOnce() {
        // given
        defineAttributes();
        newWorker().registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
        startWorkers();
        String customer = "cust-" + UUID.randomUUID();
        for (int i = 0; i < 7; i++) {
            start(null, customer, "done", i);
        }
        String query = "CustomerId = '" + customer + "'";
        Poll.until(Duration.ofSeconds(10), () -> ids(query + " AND ExecutionStatus = 'Completed'").size() == 7,
                "seven completed");

        // when read three at a time
        var page = rawStub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder().setNamespace(NAMESPACE)
                .setQuery(query).setPageSize(3).build());
        int pages = 1;
        Set<String> seen = page.getExecutionsList().stream().map(e -> e.getExecution().getWorkflowId())
                .collect(Collectors.toSet());
        while (!page.getNextPageToken().isEmpty()) {
            page = rawStub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder().setNamespace(NAMESPACE)
                    .setQuery(query).setPageSize(3).setNextPageToken(page.getNextPageToken()).build());
            page.getExecutionsList().forEach(e -> seen.add(e.getExecution().getWorkflowId()));
            pages++;
        }

        // then
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7);
    }

    @Test
    void badQueriesAndUnknownAttributesAreInvalidArguments() {
        defineAttributes();
        StatusRuntimeException malformed = catchThrowableOfType(StatusRuntimeException.class, () ->
                rawStub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder().setNamespace(NAMESPACE)
                        .setQuery("WorkflowId = ").build()));
        assertThat(malformed.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        StatusRuntimeException unknown = catchThrowableOfType(StatusRuntimeException.class, () ->
                rawStub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder().setNamespace(NAMESPACE)
                        .setQuery("NoSuchAttribute = 'x'").build()));
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(unknown.getStatus().getDescription()).contains("NoSuchAttribute");
        StatusRuntimeException wrongType = catchThrowableOfType(StatusRuntimeException.class, () ->
                rawStub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder().setNamespace(NAMESPACE)
                        .setQuery("OrderAmount = 'lots'").build()));
        assertThat(wrongType.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);

        // a start with an undefined search attribute is refused with a message saying how to define it
        newWorker().registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
        startWorkers();
        OrderWorkflow wf = client.newWorkflowStub(OrderWorkflow.class, workflowOptions()
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(SearchAttributeKey.forKeyword("NotDefinedAnywhere"), "x").build()).build());
        Exception refused = catchThrowableOfType(Exception.class, () -> WorkflowClient.start(wf::run, "done", 1L));
        assertThat(refused).hasStackTraceContaining("NotDefinedAnywhere").hasStackTraceContaining("AddSearchAttributes");
    }
}
