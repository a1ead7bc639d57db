package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.functional.support.GateWorkflow;
import io.cadenza.dataplane.functional.support.GateWorkflowImpl;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signals reach a waiting workflow, in order, and can start the workflow they signal. */
@QuarkusTest
public class SignalTest extends SdkTestSupport {

    @WorkflowInterface
    public interface CollectorWorkflow {
        /** Collects signalled items until "done" arrives; returns them joined in arrival order. */
        @WorkflowMethod
        String collect();

        @SignalMethod
        void add(String item);
    }

    public static class CollectorWorkflowImpl implements CollectorWorkflow {
        private final List<String> items = new ArrayList<>();

        @Override
        public String collect() {
            Workflow.await(() -> items.contains("done"));
            return String.join(",", items);
        }

        @Override
        public void add(String item) {
            items.add(item);
        }
    }

    @BeforeEach
    void startWorker() {
        newWorker().registerWorkflowImplementationTypes(GateWorkflowImpl.class, CollectorWorkflowImpl.class);
        startWorkers();
    }

    @Test
    void signalDeliversItsValueToTheWaitingWorkflow() {
        // given a workflow blocked on Workflow.await until a signal arrives
        GateWorkflow workflow = newWorkflow(GateWorkflow.class);
        WorkflowExecution execution = WorkflowClient.start(workflow::pass, "order-7");

        // when
        workflow.open("approved");

        // then the workflow completes with the signal's value, and the history records the signal with its payload
        assertThat(WorkflowStub.fromTyped(workflow).getResult(String.class)).isEqualTo("order-7:approved");
        HistoryEvent signaled = historyOfType(execution.getWorkflowId(), EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED).get(0);
        assertThat(signaled.getWorkflowExecutionSignaledEventAttributes().getSignalName()).isEqualTo("open");
        assertThat(
                        DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                                0,
                                Optional.of(signaled.getWorkflowExecutionSignaledEventAttributes().getInput()),
                                String.class,
                                String.class))
                .isEqualTo("approved");
    }

    @Test
    void signalsArriveInTheOrderTheyWereSent() {
        // given
        CollectorWorkflow workflow = newWorkflow(CollectorWorkflow.class);
        WorkflowClient.start(workflow::collect);

        // when five signals are sent one after another
        for (String item : List.of("a", "b", "c", "d", "done")) {
            workflow.add(item);
        }

        // then the workflow saw them in sending order, each exactly once
        assertThat(WorkflowStub.fromTyped(workflow).getResult(String.class)).isEqualTo("a,b,c,d,done");
    }

    @Test
    void signalWithStartStartsTheWorkflowAndDeliversTheSignal() {
        // given no running workflow with this id
        GateWorkflow workflow = newWorkflow(GateWorkflow.class);

        // when the client signals with start
        BatchRequest request = client.newSignalWithStartRequest();
        request.add(workflow::pass, "order-8");
        request.add(workflow::open, "approved");
        WorkflowExecution execution = client.signalWithStart(request);

        // then the workflow completes with the signal, which was recorded before the first workflow task started (start
        // and signal are one atomic step: the workflow's first run already sees the signal)
        assertThat(WorkflowStub.fromTyped(workflow).getResult(String.class)).isEqualTo("order-8:approved");
        List<EventType> types = eventTypes(execution.getWorkflowId());
        assertThat(types.get(0)).isEqualTo(EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
        assertThat(types.indexOf(EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED))
                .isGreaterThan(0)
                .isLessThan(types.indexOf(EVENT_TYPE_WORKFLOW_TASK_STARTED));
    }

    @Test
    void signalWithStartSignalsTheRunningWorkflowInsteadOfStartingAnother() {
        // given a running workflow
        GateWorkflow first = newWorkflow(GateWorkflow.class);
        WorkflowExecution running = WorkflowClient.start(first::pass, "order-9");

        // when signal-with-start targets the same workflow id
        GateWorkflow second =
                client.newWorkflowStub(
                        GateWorkflow.class, workflowOptions().setWorkflowId(running.getWorkflowId()).build());
        BatchRequest request = client.newSignalWithStartRequest();
        request.add(second::pass, "ignored input");
        request.add(second::open, "approved");
        WorkflowExecution signaled = client.signalWithStart(request);

        // then the running execution got the signal; no second run was started
        assertThat(signaled.getRunId()).isEqualTo(running.getRunId());
        assertThat(WorkflowStub.fromTyped(first).getResult(String.class)).isEqualTo("order-9:approved");
    }
}
