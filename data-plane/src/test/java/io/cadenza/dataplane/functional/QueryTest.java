package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.functional.support.GateWorkflow;
import io.cadenza.dataplane.functional.support.GateWorkflowImpl;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Queries are answered by a worker from the workflow's state, both while it runs and after it closed. */
@QuarkusTest
public class QueryTest extends SdkTestSupport {

    @BeforeEach
    void startWorker() {
        newWorker().registerWorkflowImplementationTypes(GateWorkflowImpl.class);
        startWorkers();
    }

    @Test
    void queryReturnsTheStateOfABlockedWorkflow() {
        // given a workflow waiting for a signal
        GateWorkflow workflow = newWorkflow(GateWorkflow.class);
        WorkflowClient.start(workflow::pass, "query-me");

        // when it is queried
        String state = workflow.state();

        // then the worker answered from the workflow's current state
        assertThat(state).isEqualTo("waiting");
    }

    @Test
    void queryAfterCompletionSeesTheFinalState() {
        // given a workflow that completed
        GateWorkflow workflow = newWorkflow(GateWorkflow.class);
        WorkflowClient.start(workflow::pass, "query-me");
        workflow.open("now");
        assertThat(WorkflowStub.fromTyped(workflow).getResult(String.class)).isEqualTo("query-me:now");

        // when it is queried after it closed
        String state = workflow.state();

        // then the worker rebuilt the final state from the history
        assertThat(state).isEqualTo("open");
    }

    @Test
    void queryReflectsASignalDeliveredBeforeIt() {
        // given a blocked workflow
        GateWorkflow workflow = newWorkflow(GateWorkflow.class);
        WorkflowClient.start(workflow::pass, "query-me");
        assertThat(workflow.state()).isEqualTo("waiting");

        // when a signal is delivered and then a query is sent
        workflow.open("later");

        // then the query sees the signal (the signal was applied first)
        assertThat(workflow.state()).isEqualTo("open");
    }

    @Test
    void unknownQueryTypeFailsWithAQueryException() {
        // given a running workflow
        GateWorkflow workflow = newWorkflow(GateWorkflow.class);
        WorkflowClient.start(workflow::pass, "query-me");
        WorkflowStub untyped = WorkflowStub.fromTyped(workflow);

        // when it is asked a query it does not define
        WorkflowQueryException failure =
                catchThrowableOfType(WorkflowQueryException.class, () -> untyped.query("noSuchQuery", String.class));

        // then the worker's rejection reaches the client as a query failure naming the query type
        assertThat(failure).isNotNull();
        assertThat(failure.getCause()).hasMessageContaining("noSuchQuery");
        assertThat(failure.getExecution().getWorkflowId()).isEqualTo(untyped.getExecution().getWorkflowId());
    }
}
