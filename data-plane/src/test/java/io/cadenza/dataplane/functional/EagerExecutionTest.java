package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.command.v1.Command;
import io.temporal.api.command.v1.CompleteWorkflowExecutionCommandAttributes;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.CommandType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class EagerExecutionTest extends SdkTestSupport {

    @WorkflowInterface
    public interface HelloWorkflow {
        @WorkflowMethod
        String hello(String name);
    }

    public static class HelloWorkflowImpl implements HelloWorkflow {
        @Override
        public String hello(String name) {
            return "hello " + name;
        }
    }

    private PollWorkflowTaskQueueResponse startEagerly(String workflowId) {
        var response = rawStub().startWorkflowExecution(StartWorkflowExecutionRequest.newBuilder()
                .setNamespace(NAMESPACE).setWorkflowId(workflowId)
                .setWorkflowType(WorkflowType.newBuilder().setName("Raw"))
                .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
                .setRequestId(UUID.randomUUID().toString()).setIdentity("raw-worker")
                .setRequestEagerExecution(true).build());
        assertThat(response.hasEagerWorkflowTask()).as("eager workflow task returned").isTrue();
        return response.getEagerWorkflowTask();
    }

    @Test
    void eagerStartReturnsTheFirstWorkflowTaskWithTheStartReply() {
        // given / when
        String workflowId = uniqueId("wf");
        PollWorkflowTaskQueueResponse task = startEagerly(workflowId);

        // then the task is started and its history ends with WorkflowTaskStarted
        var events = task.getHistory().getEventsList();
        assertThat(events.get(events.size() - 1).getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
        assertThat(task.getStartedEventId()).isEqualTo(3);

        // and completing it completes the workflow
        rawStub().respondWorkflowTaskCompleted(RespondWorkflowTaskCompletedRequest.newBuilder()
                .setNamespace(NAMESPACE).setTaskToken(task.getTaskToken()).setIdentity("raw-worker")
                .addCommands(Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
                        .setCompleteWorkflowExecutionCommandAttributes(
                                CompleteWorkflowExecutionCommandAttributes.getDefaultInstance()))
                .build());
        assertThat(describe(workflowId).getWorkflowExecutionInfo().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    }

    @Test
    void aCompletionThatAsksForTheNextTaskGetsItInTheReply() {
        // given a started first task
        PollWorkflowTaskQueueResponse task = startEagerly(uniqueId("wf"));

        // when it completes asking for a new task and for that task in the reply
        var reply = rawStub().respondWorkflowTaskCompleted(RespondWorkflowTaskCompletedRequest.newBuilder()
                .setNamespace(NAMESPACE).setTaskToken(task.getTaskToken()).setIdentity("raw-worker")
                .setForceCreateNewWorkflowTask(true).setReturnNewWorkflowTask(true).build());

        // then the next task comes back started, after the first one's completion
        assertThat(reply.hasWorkflowTask()).isTrue();
        assertThat(reply.getWorkflowTask().getPreviousStartedEventId()).isEqualTo(3);
        assertThat(reply.getWorkflowTask().getStartedEventId()).isEqualTo(6);
    }

    @Test
    void theSdkRunsAWorkflowStartedEagerly() {
        // given
        newWorker().registerWorkflowImplementationTypes(HelloWorkflowImpl.class);
        startWorkers();
        HelloWorkflow workflow = client.newWorkflowStub(HelloWorkflow.class,
                workflowOptions().setDisableEagerExecution(false).build());

        // when / then
        assertThat(workflow.hello("eager")).isEqualTo("hello eager");
    }
}
