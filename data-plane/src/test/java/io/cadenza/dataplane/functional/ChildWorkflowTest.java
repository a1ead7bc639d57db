package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class ChildWorkflowTest extends SdkTestSupport {

    @WorkflowInterface
    public interface ChildWorkflow {
        @WorkflowMethod
        String run(String input);
    }

    public static class ChildWorkflowImpl implements ChildWorkflow {
        @Override
        public String run(String input) {
            if (input.startsWith("fail")) {
                throw ApplicationFailure.newNonRetryableFailure("child refused " + input, "ChildRefused");
            }
            if (input.startsWith("sleep")) {
                Workflow.sleep(Duration.ofHours(1));
            }
            return "child(" + input + ")";
        }
    }

    @WorkflowInterface
    public interface ParentWorkflow {
        @WorkflowMethod
        String run(String input, String childId, int policy);
    }

    public static class ParentWorkflowImpl implements ParentWorkflow {
        @Override
        public String run(String input, String childId, int policy) {
            ChildWorkflow child = Workflow.newChildWorkflowStub(ChildWorkflow.class, ChildWorkflowOptions.newBuilder()
                    .setWorkflowId(childId)
                    .setParentClosePolicy(ParentClosePolicy.forNumber(policy)).build());
            if (input.startsWith("sleep")) {
                // start the child and return without waiting: the parent close policy decides its fate
                io.temporal.workflow.Async.function(child::run, input);
                Workflow.getWorkflowExecution(child).get();
                return "parent done";
            }
            return "parent(" + child.run(input) + ")";
        }
    }

    private ParentWorkflow startWorkersAndStub() {
        newWorker().registerWorkflowImplementationTypes(ParentWorkflowImpl.class, ChildWorkflowImpl.class);
        startWorkers();
        return newWorkflow(ParentWorkflow.class);
    }

    @Test
    void childResultReachesTheParent() {
        // given
        ParentWorkflow parent = startWorkersAndStub();
        String childId = uniqueId("child");

        // when
        String result = parent.run("x", childId, ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE_VALUE);

        // then the parent history shows the child's lifecycle and the child knows its parent
        assertThat(result).isEqualTo("parent(child(x))");
        String parentId = WorkflowStub.fromTyped(parent).getExecution().getWorkflowId();
        assertThat(eventTypes(parentId)).containsSubsequence(EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
                EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED, EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED,
                EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
        var started = history(childId).get(0).getWorkflowExecutionStartedEventAttributes();
        assertThat(started.getParentWorkflowExecution().getWorkflowId()).isEqualTo(parentId);
    }

    @Test
    void childFailurePropagatesToTheParent() {
        // given
        ParentWorkflow parent = startWorkersAndStub();

        // when
        WorkflowFailedException error = catchThrowableOfType(WorkflowFailedException.class,
                () -> parent.run("fail-7", uniqueId("child"), ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE_VALUE));

        // then the parent fails with a ChildWorkflowFailure caused by the child's ApplicationFailure
        assertThat(error.getCause()).isInstanceOf(ChildWorkflowFailure.class);
        assertThat(error.getCause().getCause()).isInstanceOf(ApplicationFailure.class);
        assertThat(((ApplicationFailure) error.getCause().getCause()).getType()).isEqualTo("ChildRefused");
    }

    @Test
    void parentClosePolicyTerminateStopsTheChildAndAbandonLeavesItRunning() {
        // given
        ParentWorkflow terminating = startWorkersAndStub();
        String terminatedChild = uniqueId("child");
        String abandonedChild = uniqueId("child");

        // when two parents finish while their children sleep
        terminating.run("sleep", terminatedChild, ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE_VALUE);
        var childInfo = describe(terminatedChild).getWorkflowExecutionInfo();
        newWorkflow(ParentWorkflow.class).run("sleep", abandonedChild,
                ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON_VALUE);

        // then
        Poll.until(Duration.ofSeconds(10), () -> describe(terminatedChild).getWorkflowExecutionInfo().getStatus()
                == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED, "child terminated with its parent");
        assertThat(describe(abandonedChild).getWorkflowExecutionInfo().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        assertThat(childInfo.getParentExecution().getWorkflowId())
                .isEqualTo(WorkflowStub.fromTyped(terminating).getExecution().getWorkflowId());
        client.newUntypedWorkflowStub(abandonedChild).terminate("test cleanup");
    }

    @Test
    void aChildIdAlreadyRunningIsReportedToTheParent() {
        // given a workflow already running under the id the parent will use for its child
        ParentWorkflow parent = startWorkersAndStub();
        String childId = uniqueId("child");
        ChildWorkflow squatter = client.newWorkflowStub(ChildWorkflow.class,
                workflowOptions().setWorkflowId(childId).build());
        WorkflowClient.start(squatter::run, "sleep");

        // when
        WorkflowFailedException error = catchThrowableOfType(WorkflowFailedException.class,
                () -> parent.run("x", childId, ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE_VALUE));

        // then the parent sees a failed child start
        assertThat(error).isNotNull();
        String parentId = WorkflowStub.fromTyped(parent).getExecution().getWorkflowId();
        assertThat(eventTypes(parentId)).contains(EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED);
        client.newUntypedWorkflowStub(childId).terminate("test cleanup");
    }
}
