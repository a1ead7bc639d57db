package io.cadenza.dataplane.functional;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class ActivityTest extends SdkTestSupport {

    @WorkflowInterface
    public interface GreetingWorkflow {
        @WorkflowMethod
        String greet(String name);
    }

    @ActivityInterface
    public interface GreetingActivities {
        String compose(String greeting, String name);
    }

    public static class GreetingWorkflowImpl implements GreetingWorkflow {
        private final GreetingActivities activities =
                Workflow.newActivityStub(
                        GreetingActivities.class,
                        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public String greet(String name) {
            return activities.compose("Hello", name);
        }
    }

    public static class GreetingActivitiesImpl implements GreetingActivities {
        final List<ActivityInfo> seen = new CopyOnWriteArrayList<>();

        @Override
        public String compose(String greeting, String name) {
            seen.add(Activity.getExecutionContext().getInfo());
            return greeting + ", " + name + "!";
        }
    }

    @Test
    void workflowReturnsTheResultOfItsActivity() {
        // given a worker for the greeting workflow and its activity
        GreetingActivitiesImpl activities = new GreetingActivitiesImpl();
        Worker worker = newWorker();
        worker.registerWorkflowImplementationTypes(GreetingWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        startWorkers();

        // when the workflow runs
        GreetingWorkflow workflow = newWorkflow(GreetingWorkflow.class);
        String result = workflow.greet("Cadenza");

        // then its result is the activity's result, and the activity ran exactly once
        assertThat(result).isEqualTo("Hello, Cadenza!");
        assertThat(activities.seen).hasSize(1);
    }

    @Test
    void activityTaskCarriesItsWorkflowAndSchedule() {
        // given
        GreetingActivitiesImpl activities = new GreetingActivitiesImpl();
        Worker worker = newWorker();
        worker.registerWorkflowImplementationTypes(GreetingWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        startWorkers();

        // when
        GreetingWorkflow workflow = newWorkflow(GreetingWorkflow.class);
        workflow.greet("task");

        // then the polled activity task names the workflow, the activity type and the first attempt
        String workflowId = WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId();
        ActivityInfo info = activities.seen.get(0);
        assertThat(info.getWorkflowId()).isEqualTo(workflowId);
        assertThat(info.getWorkflowType()).isEqualTo("GreetingWorkflow");
        assertThat(info.getActivityType()).isEqualTo("Compose");
        assertThat(info.getActivityTaskQueue()).isEqualTo(taskQueue);
        assertThat(info.getAttempt()).isEqualTo(1);
        assertThat(info.getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void historyRecordsScheduledStartedAndCompletedActivity() {
        // given
        Worker worker = newWorker();
        worker.registerWorkflowImplementationTypes(GreetingWorkflowImpl.class);
        worker.registerActivitiesImplementations(new GreetingActivitiesImpl());
        startWorkers();

        // when
        GreetingWorkflow workflow = newWorkflow(GreetingWorkflow.class);
        workflow.greet("history");

        // then the activity's three events are linked to each other and precede the completion
        String workflowId = WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId();
        HistoryEvent scheduled = historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).get(0);
        HistoryEvent started = historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_STARTED).get(0);
        HistoryEvent completed = historyOfType(workflowId, EVENT_TYPE_ACTIVITY_TASK_COMPLETED).get(0);
        assertThat(scheduled.getActivityTaskScheduledEventAttributes().getActivityType().getName())
                .isEqualTo("Compose");
        assertThat(scheduled.getActivityTaskScheduledEventAttributes().getTaskQueue().getName()).isEqualTo(taskQueue);
        assertThat(started.getActivityTaskStartedEventAttributes().getScheduledEventId())
                .isEqualTo(scheduled.getEventId());
        assertThat(started.getActivityTaskStartedEventAttributes().getAttempt()).isEqualTo(1);
        assertThat(completed.getActivityTaskCompletedEventAttributes().getScheduledEventId())
                .isEqualTo(scheduled.getEventId());
        assertThat(completed.getActivityTaskCompletedEventAttributes().getStartedEventId())
                .isEqualTo(started.getEventId());
        assertThat(eventTypes(workflowId))
                .containsSubsequence(
                        EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
                        EVENT_TYPE_ACTIVITY_TASK_STARTED,
                        EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
                        EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    }
}
