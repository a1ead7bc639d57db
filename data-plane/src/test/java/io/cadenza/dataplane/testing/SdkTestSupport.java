package io.cadenza.dataplane.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Base class of the functional tests: the official Temporal SDK (client and worker) talking to the data plane that
 * {@code @QuarkusTest} started on {@value #TARGET}.
 *
 * <p>Every test gets its own task queue, so tests never receive each other's tasks, and its own worker factory, which
 * is shut down after the test. Subclasses register workflows and activities on {@link #newWorker()} and then call
 * {@link #startWorkers()}.
 *
 * <p>The {@link QuarkusTestResource} here is global (it is not restricted to this class): Quarkus and PostgreSQL start
 * once for all test classes. Test classes must not add their own resources or profiles, or Quarkus restarts.
 */
@QuarkusTestResource(PostgresTestResource.class)
public abstract class SdkTestSupport {

    /** Where the {@code test} profile serves the Temporal API ({@code quarkus.http.test-port}). */
    public static final String TARGET = "127.0.0.1:" + System.getenv().getOrDefault("CADENZA_TEST_GRPC_PORT", "17233");

    /** Created by the data plane at startup. */
    public static final String NAMESPACE = "default";

    protected WorkflowServiceStubs service;
    protected WorkflowClient client;
    protected WorkerFactory factory;
    protected String taskQueue;
    private String testName;

    @BeforeEach
    void connectSdk(TestInfo testInfo) {
        testName = testInfo.getTestMethod().map(method -> method.getName()).orElse("test");
        taskQueue = uniqueId("tq");
        service = newServiceStubs(TARGET);
        client = newClient(service);
        factory = WorkerFactory.newInstance(client);
    }

    @AfterEach
    void disconnectSdk() throws InterruptedException {
        factory.shutdownNow();
        factory.awaitTermination(10, TimeUnit.SECONDS);
        service.shutdownNow();
        service.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Plain-text stubs to a Cadenza endpoint; connects lazily, so no health check is needed. */
    public static WorkflowServiceStubs newServiceStubs(String target) {
        return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    }

    public static WorkflowClient newClient(WorkflowServiceStubs stubs) {
        return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
    }

    /** A worker on this test's task queue, in this test's factory. */
    protected Worker newWorker() {
        return factory.newWorker(taskQueue);
    }

    protected void startWorkers() {
        factory.start();
    }

    /** A second, independent factory (its own sticky queue and cache); the caller shuts it down. */
    protected WorkerFactory newFactory(WorkerFactoryOptions options) {
        return WorkerFactory.newInstance(client, options);
    }

    /** A workflow id no other test (or rerun) uses, readable in the server log. */
    protected String uniqueId(String prefix) {
        return prefix + "-" + testName + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Options for a new workflow on this test's task queue with a fresh id. */
    protected WorkflowOptions.Builder workflowOptions() {
        return WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(uniqueId("wf"));
    }

    protected <T> T newWorkflow(Class<T> workflowInterface) {
        return client.newWorkflowStub(workflowInterface, workflowOptions().build());
    }

    protected WorkflowServiceBlockingStub rawStub() {
        return service.blockingStub();
    }

    protected List<HistoryEvent> history(String workflowId) {
        return client.fetchHistory(workflowId).getEvents();
    }

    protected List<HistoryEvent> historyOfType(String workflowId, EventType type) {
        return history(workflowId).stream().filter(event -> event.getEventType() == type).collect(Collectors.toList());
    }

    protected List<EventType> eventTypes(String workflowId) {
        return history(workflowId).stream().map(HistoryEvent::getEventType).collect(Collectors.toList());
    }

    protected boolean historyContains(String workflowId, EventType type) {
        return history(workflowId).stream().anyMatch(event -> event.getEventType() == type);
    }

    protected DescribeWorkflowExecutionResponse describe(String workflowId) {
        return rawStub()
                .describeWorkflowExecution(
                        DescribeWorkflowExecutionRequest.newBuilder()
                                .setNamespace(NAMESPACE)
                                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                                .build());
    }
}
