package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.functional.support.GateWorkflow;
import io.cadenza.dataplane.functional.support.GateWorkflowImpl;
import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.ExternalWorkflowStub;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class ExternalSignalTest extends SdkTestSupport {

    @WorkflowInterface
    public interface SenderWorkflow {
        @WorkflowMethod
        String send(String targetId, String action);
    }

    public static class SenderWorkflowImpl implements SenderWorkflow {
        @Override
        public String send(String targetId, String action) {
            ExternalWorkflowStub target = Workflow.newUntypedExternalWorkflowStub(targetId);
            try {
                if (action.equals("cancel")) {
                    target.cancel();
                } else {
                    target.signal("open", action);
                }
                return "delivered";
            } catch (ApplicationFailure | io.temporal.workflow.SignalExternalWorkflowException
                     | io.temporal.workflow.CancelExternalWorkflowException e) {
                return "failed: " + e.getClass().getSimpleName();
            }
        }
    }

    private void startWorkersWithGate() {
        newWorker().registerWorkflowImplementationTypes(SenderWorkflowImpl.class, GateWorkflowImpl.class);
        startWorkers();
    }

    @Test
    void aWorkflowSignalsAnotherWorkflow() {
        // given a gate workflow waiting for a signal
        startWorkersWithGate();
        String gateId = uniqueId("gate");
        GateWorkflow gate = client.newWorkflowStub(GateWorkflow.class, workflowOptions().setWorkflowId(gateId).build());
        WorkflowClient.start(gate::pass, "gate");

        // when another workflow signals it
        String outcome = newWorkflow(SenderWorkflow.class).send(gateId, "from-sender");

        // then the signal is delivered and recorded on both sides
        assertThat(outcome).isEqualTo("delivered");
        assertThat(WorkflowStub.fromTyped(gate).getResult(String.class)).contains("from-sender");
        assertThat(eventTypes(gateId)).contains(EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
    }

    @Test
    void signallingAWorkflowThatDoesNotExistFailsInTheSender() {
        // given
        startWorkersWithGate();
        SenderWorkflow sender = newWorkflow(SenderWorkflow.class);

        // when
        String outcome = sender.send(uniqueId("nobody"), "hello");

        // then
        assertThat(outcome).startsWith("failed");
        String senderId = WorkflowStub.fromTyped(sender).getExecution().getWorkflowId();
        assertThat(eventTypes(senderId)).contains(EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED);
    }

    @Test
    void aWorkflowRequestsCancellationOfAnother() {
        // given
        startWorkersWithGate();
        String gateId = uniqueId("gate");
        GateWorkflow gate = client.newWorkflowStub(GateWorkflow.class, workflowOptions().setWorkflowId(gateId).build());
        WorkflowClient.start(gate::pass, "gate");

        // when
        String outcome = newWorkflow(SenderWorkflow.class).send(gateId, "cancel");

        // then
        assertThat(outcome).isEqualTo("delivered");
        Poll.until(Duration.ofSeconds(10), () -> eventTypes(gateId).contains(EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED),
                "cancellation requested on the gate");
    }
}
