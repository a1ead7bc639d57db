package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class ScheduleTest extends SdkTestSupport {

    @WorkflowInterface
    public interface TickWorkflow {
        @WorkflowMethod
        String tick(String name);
    }

    public static class TickWorkflowImpl implements TickWorkflow {
        @Override
        public String tick(String name) {
            return "tick " + name;
        }
    }

    @WorkflowInterface
    public interface ScheduledByWorkflow {
        @WorkflowMethod
        String whoScheduledMe();
    }

    /** Reads the search attributes Temporal's scheduler sets, the way Temporal's HelloSchedules sample does. */
    public static class ScheduledByWorkflowImpl implements ScheduledByWorkflow {
        @Override
        public String whoScheduledMe() {
            var attributes = io.temporal.workflow.Workflow.getInfo().getSearchAttributes();
            String scheduledBy = io.temporal.common.converter.GlobalDataConverter.get().fromPayload(
                    attributes.getIndexedFieldsOrThrow("TemporalScheduledById"), String.class, String.class);
            Instant startTime = io.temporal.common.converter.GlobalDataConverter.get().fromPayload(
                    attributes.getIndexedFieldsOrThrow("TemporalScheduledStartTime"), Instant.class, Instant.class);
            return scheduledBy + " at " + startTime;
        }
    }

    private ScheduleClient schedules() {
        return ScheduleClient.newInstance(service, ScheduleClientOptions.newBuilder().setNamespace(NAMESPACE).build());
    }

    private Schedule everyTwoSeconds(String workflowId) {
        return Schedule.newBuilder()
                .setAction(ScheduleActionStartWorkflow.newBuilder().setWorkflowType(TickWorkflow.class)
                        .setArguments("report")
                        .setOptions(WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(taskQueue).build())
                        .build())
                .setSpec(ScheduleSpec.newBuilder().setIntervals(List.of(new ScheduleIntervalSpec(Duration.ofSeconds(2))))
                        .build())
                .build();
    }

    @Test
    void aScheduleFiresEveryTwoSecondsAndCanBePausedTriggeredAndDeleted() {
        // given a schedule that starts a workflow every 2 s
        newWorker().registerWorkflowImplementationTypes(TickWorkflowImpl.class);
        startWorkers();
        String scheduleId = uniqueId("sched");
        String workflowId = uniqueId("tick");
        ScheduleHandle handle = schedules().createSchedule(scheduleId, everyTwoSeconds(workflowId),
                ScheduleOptions.newBuilder().build());

        // when it runs for a while
        Poll.until(Duration.ofSeconds(15), () -> handle.describe().getInfo().getNumActions() >= 2, "two actions");

        // then its workflows ran, and Describe shows recent and future actions
        ScheduleDescription description = handle.describe();
        assertThat(description.getInfo().getRecentActions()).isNotEmpty();
        assertThat(description.getInfo().getNextActionTimes()).hasSizeGreaterThan(1);
        String started = description.getInfo().getRecentActions().get(0).getAction() instanceof
                io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow s ? s.getWorkflowId() : "";
        assertThat(started).startsWith(workflowId + "-");
        assertThat(client.newUntypedWorkflowStub(started).getResult(String.class)).isEqualTo("tick report");
        assertThat(schedules().listSchedules().map(e -> e.getScheduleId()).collect(Collectors.toList()))
                .contains(scheduleId);

        // when paused, it shows the note and no future actions; a trigger still starts a workflow
        handle.pause("maintenance window");
        ScheduleDescription paused = handle.describe();
        assertThat(paused.getSchedule().getState().isPaused()).isTrue();
        assertThat(paused.getSchedule().getState().getNote()).isEqualTo("maintenance window");
        assertThat(paused.getInfo().getNextActionTimes()).isEmpty();
        long before = paused.getInfo().getNumActions();
        handle.trigger();
        Poll.until(Duration.ofSeconds(10), () -> handle.describe().getInfo().getNumActions() == before + 1,
                "triggered action while paused");

        // and matching times follow the spec
        Instant now = Instant.now();
        var times = rawStub().listScheduleMatchingTimes(
                io.temporal.api.workflowservice.v1.ListScheduleMatchingTimesRequest.newBuilder()
                        .setNamespace(NAMESPACE).setScheduleId(scheduleId)
                        .setStartTime(com.google.protobuf.util.Timestamps.fromMillis(now.toEpochMilli()))
                        .setEndTime(com.google.protobuf.util.Timestamps.fromMillis(now.plusSeconds(10).toEpochMilli()))
                        .build()).getStartTimeList();
        assertThat(times).hasSizeBetween(4, 6);

        // when deleted, it is gone
        handle.delete();
        assertThat(catchThrowable(handle::describe)).isNotNull();
    }

    @Test
    void aScheduledRunCarriesTheScheduleIdAndStartTimeAsSearchAttributes() throws Exception {
        // given a schedule whose workflow reads who scheduled it (issue 21: HelloSchedules failed on a missing one)
        newWorker().registerWorkflowImplementationTypes(ScheduledByWorkflowImpl.class);
        startWorkers();
        String scheduleId = uniqueId("by");
        String workflowId = uniqueId("scheduled");
        ScheduleHandle handle = schedules().createSchedule(scheduleId, Schedule.newBuilder()
                .setAction(ScheduleActionStartWorkflow.newBuilder().setWorkflowType(ScheduledByWorkflow.class)
                        .setOptions(WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(taskQueue)
                                .build())
                        .build())
                .setSpec(ScheduleSpec.newBuilder().build())
                .build(), ScheduleOptions.newBuilder().build());

        // when it is triggered
        handle.trigger();
        Poll.until(Duration.ofSeconds(15), () -> handle.describe().getInfo().getNumActions() == 1, "one action");
        var action = (io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow)
                handle.describe().getInfo().getRecentActions().get(0).getAction();

        // then the workflow saw both attributes: the schedule's id and the time the action was scheduled for
        String result = client.newUntypedWorkflowStub(action.getWorkflowId()).getResult(30, TimeUnit.SECONDS,
                String.class);
        assertThat(result).startsWith(scheduleId + " at ");
        Instant scheduledFor = Instant.parse(result.substring((scheduleId + " at ").length()));
        assertThat(Duration.between(scheduledFor, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));

        // and a list filter finds the schedule's runs by them
        Poll.until(Duration.ofSeconds(10), () -> client.listExecutions("TemporalScheduledById = '" + scheduleId + "'")
                .map(e -> e.getExecution().getWorkflowId()).collect(Collectors.toList())
                .equals(List.of(action.getWorkflowId())), "the scheduled run listed by TemporalScheduledById");
        assertThat(client.listExecutions("TemporalScheduledById = '" + scheduleId + "' AND TemporalScheduledStartTime"
                + " <= '" + Instant.now().plusSeconds(60) + "'").count()).isEqualTo(1);
        assertThat(client.listExecutions("TemporalScheduledById = 'another-schedule'").count()).isZero();
        handle.delete();
    }

    @Test
    void anInvalidSpecIsRejectedWithTheReason() {
        Schedule bad = Schedule.newBuilder()
                .setAction(ScheduleActionStartWorkflow.newBuilder().setWorkflowType(TickWorkflow.class)
                        .setOptions(WorkflowOptions.newBuilder().setWorkflowId("x").setTaskQueue(taskQueue).build())
                        .build())
                .setSpec(ScheduleSpec.newBuilder().setCronExpressions(List.of("99 * * * *")).build())
                .build();
        Throwable error = catchThrowable(() -> schedules().createSchedule(uniqueId("bad"), bad,
                ScheduleOptions.newBuilder().build()));
        assertThat(error).hasStackTraceContaining("INVALID_ARGUMENT");
    }
}
