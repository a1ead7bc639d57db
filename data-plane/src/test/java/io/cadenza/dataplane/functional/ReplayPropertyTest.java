package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.common.ExecutionKey;
import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.execution.ExecutionManager;
import io.cadenza.dataplane.execution.apply.EventAppliers;
import io.cadenza.dataplane.execution.state.MutableState;
import io.cadenza.dataplane.execution.state.StateCodec;
import io.cadenza.dataplane.testing.Poll;
import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.Header;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.RetryPolicy;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.update.v1.Outcome;
import io.temporal.api.update.v1.Request;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.RetryOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.activity.LocalActivityOptions;
import io.cadenza.dataplane.human.ExpenseWorkflows;
import io.cadenza.dataplane.testing.Inbox;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The replay property of the event appliers: for every state the live path committed while real SDK workflows ran
 * (activities with retries, a local activity, timers, signals, updates, a memo upsert, a child, continue-as-new,
 * cancellation, an approval decided in the inbox), replaying the run's
 * history up to that state through {@link EventAppliers} gives the same state. Compared is a projection of
 * {@link MutableState} without what no event carries (see MutableState: attempt progress, stickiness, transient
 * workflow tasks, dedup windows, admitted or rejected updates) and without states that still have events buffered
 * behind a started workflow task (those events are not in history yet).
 */
@QuarkusTest
public class ReplayPropertyTest extends SdkTestSupport {

    @ActivityInterface
    public interface Flaky {
        /** Fails its first two attempts (unless asked for "local"). */
        String flaky(String input);
    }

    public static class FlakyImpl implements Flaky {
        @Override
        public String flaky(String input) {
            int attempt = Activity.getExecutionContext().getInfo().getAttempt();
            if (attempt < 3 && !input.startsWith("local")) {
                throw new IllegalStateException("attempt " + attempt + " fails");
            }
            return input + "@" + attempt;
        }
    }

    @WorkflowInterface
    public interface Leaf {
        @WorkflowMethod
        String run(String input);
    }

    public static class LeafImpl implements Leaf {
        @Override
        public String run(String input) {
            Workflow.sleep(Duration.ofMillis(100));
            // a local activity: a MarkerRecorded event
            String local = Workflow.newLocalActivityStub(Flaky.class, LocalActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10)).build()).flaky("local-" + input);
            Workflow.upsertMemo(Map.of("local", local));
            return "leaf(" + input + ")";
        }
    }

    @WorkflowInterface
    public interface Journey {
        @WorkflowMethod
        String run(int step);

        @SignalMethod
        void go(String word);

        @UpdateMethod
        int add(int n);
    }

    public static class JourneyImpl implements Journey {
        private final List<String> words = new ArrayList<>();
        private int total;

        @Override
        public String run(int step) {
            Flaky flaky = Workflow.newActivityStub(Flaky.class, ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(50))
                            .setBackoffCoefficient(1).setMaximumAttempts(5).build())
                    .build());
            String a = flaky.flaky("s" + step);
            Workflow.sleep(Duration.ofMillis(200));
            Leaf leaf = Workflow.newChildWorkflowStub(Leaf.class, ChildWorkflowOptions.newBuilder()
                    .setWorkflowId(Workflow.getInfo().getWorkflowId() + "-leaf" + step).build());
            String c = leaf.run("s" + step);
            Workflow.await(() -> !words.isEmpty() && total > 0);
            if (step == 0) {
                Workflow.continueAsNew(1);
            }
            return a + "," + c + "," + words + "," + total;
        }

        @Override
        public void go(String word) {
            words.add(word);
        }

        @Override
        public int add(int n) {
            total += n;
            return total;
        }
    }

    @WorkflowInterface
    public interface Sleeper {
        @WorkflowMethod
        void run();
    }

    public static class SleeperImpl implements Sleeper {
        @Override
        public void run() {
            Workflow.sleep(Duration.ofHours(1));
        }
    }

    @Inject
    ExecutionManager manager;

    record Observed(ExecutionKey key, byte[] state) {
    }

    @Test
    void stateReplayedFromHistoryEqualsTheLiveStateAfterEveryCommit() throws Exception {
        // given: every committed state of this test's runs is recorded
        ConcurrentLinkedQueue<Observed> observed = new ConcurrentLinkedQueue<>();
        String marker = uniqueId("replay");
        BiConsumer<ExecutionKey, byte[]> observer = (key, state) -> {
            if (key.workflowId().startsWith(marker)) {
                observed.add(new Observed(key, state));
            }
        };
        manager.commitObservers().add(observer);
        try {
            var worker = newWorker();
            worker.registerWorkflowImplementationTypes(JourneyImpl.class, LeafImpl.class, SleeperImpl.class,
                    ExpenseWorkflows.ExpenseWorkflowImpl.class);
            worker.registerActivitiesImplementations(new FlakyImpl(), new ExpenseWorkflows.RecordingLedger());
            startWorkers();

            // when: a journey (retried activity, timer, child, update, signal, continue-as-new, twice) ...
            Journey journey = client.newWorkflowStub(Journey.class,
                    workflowOptions().setWorkflowId(marker + "-journey").build());
            WorkflowClient.start(journey::run, 0);
            String firstRun = WorkflowStub.fromTyped(journey).getExecution().getRunId();
            assertThat(journey.add(2)).isEqualTo(2);
            journey.go("hello");
            Poll.until(Duration.ofSeconds(30), () -> !describe(marker + "-journey").getWorkflowExecutionInfo()
                    .getExecution().getRunId().equals(firstRun), "the journey to continue as new");
            Journey current = client.newWorkflowStub(Journey.class, marker + "-journey");
            assertThat(current.add(3)).isEqualTo(3);
            current.go("again");
            assertThat(WorkflowStub.fromTyped(current).getResult(30, TimeUnit.SECONDS, String.class))
                    .isEqualTo("s1@3,leaf(s1),[again],3");

            // ... and a sleeper cancelled while its timer runs
            Sleeper sleeper = client.newWorkflowStub(Sleeper.class,
                    workflowOptions().setWorkflowId(marker + "-sleeper").build());
            WorkflowClient.start(sleeper::run);
            Poll.until(Duration.ofSeconds(30),
                    () -> historyContains(marker + "-sleeper", EventType.EVENT_TYPE_TIMER_STARTED),
                    "the sleeper's timer to start");
            WorkflowStub.fromTyped(sleeper).cancel();
            try {
                WorkflowStub.fromTyped(sleeper).getResult(30, TimeUnit.SECONDS, Void.class);
            } catch (WorkflowFailedException expected) {
                assertThat(expected.getCause()).isInstanceOf(CanceledFailure.class);
            }

            // ... and an expense approved by a person in the inbox (an Approval activity)
            ExpenseWorkflows.ExpenseWorkflow expense = client.newWorkflowStub(ExpenseWorkflows.ExpenseWorkflow.class,
                    workflowOptions().setWorkflowId(marker + "-expense").build());
            WorkflowClient.start(expense::submit, new ExpenseWorkflows.Expense("e-replay", 500, 600, 0));
            Inbox bob = Inbox.as("bob", "managers", "write");
            String taskId = bob.awaitTask(marker + "-expense");
            bob.claim(taskId).then().statusCode(200);
            bob.complete(taskId, "approve", "ok", Map.of("approvedAmount", "450.00", "costCenter", "R&D"))
                    .then().statusCode(200);
            assertThat(WorkflowStub.fromTyped(expense).getResult(30, TimeUnit.SECONDS, String.class))
                    .isEqualTo("paid:bob:450.00");
        } finally {
            manager.commitObservers().remove(observer);
        }

        // then: each committed state equals the state its history replays to
        Set<EventType> covered = EnumSet.noneOf(EventType.class);
        int compared = 0;
        for (Observed o : observed) {
            MutableState live = StateCodec.decode(o.state());
            if (!live.bufferedEvents.isEmpty()) {
                continue;
            }
            List<HistoryEvent> history = manager.readHistory(o.key(), 1, live.nextEventId, Integer.MAX_VALUE)
                    .get(10, TimeUnit.SECONDS);
            MutableState replayed = EventAppliers.replay(history, o.key().runId());
            assertThat(projection(replayed))
                    .as("state of %s replayed from its %d events", o.key(), history.size())
                    .isEqualTo(projection(live));
            history.forEach(e -> covered.add(e.getEventType()));
            compared++;
        }
        assertThat(compared).as("committed states compared").isGreaterThan(20);
        assertThat(covered).contains(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, EventType.EVENT_TYPE_TIMER_FIRED,
                EventType.EVENT_TYPE_TIMER_CANCELED, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED,
                EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED,
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED, EventType.EVENT_TYPE_MARKER_RECORDED,
                EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED);
    }

    /** The event-derived part of a run's state, with proto bytes parsed (so encodings cannot differ). */
    static Map<String, Object> projection(MutableState s) {
        Map<String, Object> p = new TreeMap<>();
        p.put("status", s.status);
        p.put("nextEventId", s.nextEventId);
        p.put("previousStartedEventId", s.previousStartedEventId);
        p.put("historySizeBytes", s.historySizeBytes);
        p.put("cancelRequested", s.cancelRequested);
        p.put("closeTimeMillis", s.closeTimeMillis);
        p.put("awaitingFirstWorkflowTask", s.awaitingFirstWorkflowTask);
        p.put("cronInput", Protos.parse(Payloads.parser(), s.cronInput, null));
        p.put("memo", Protos.parse(Memo.parser(), s.memo, null));
        p.put("searchAttributes", Protos.parse(SearchAttributes.parser(), s.searchAttributes, null));
        var i = s.info;
        p.put("info", List.of(i.workflowType, i.taskQueue, i.startTimeMillis, i.executionTimeMillis,
                i.runTimeoutMillis, i.executionTimeoutMillis, i.workflowTaskTimeoutMillis, i.runExpirationMillis,
                i.executionExpirationMillis, i.firstRunId, String.valueOf(i.continuedFromRunId),
                String.valueOf(i.identity), i.attempt, String.valueOf(i.cronSchedule == null ? "" : i.cronSchedule),
                String.valueOf(Protos.parse(RetryPolicy.parser(), i.retryPolicy, null)),
                String.valueOf(Protos.parse(Header.parser(), i.header, null)),
                i.parent == null ? "no parent" : List.of(i.parent.namespaceId, i.parent.namespaceName,
                        i.parent.workflowId, i.parent.runId, i.parent.initiatedEventId,
                        String.valueOf(i.parent.rootWorkflowId))));
        var wt = s.workflowTask;
        p.put("workflowTask", wt == null || wt.transientTask ? "none"
                : List.of(wt.scheduledEventId, wt.attempt, wt.timeoutMillis));
        Map<Long, Object> activities = new TreeMap<>();
        s.activities.forEach((id, a) -> activities.put(id, List.of(a.activityId,
                Protos.parse(ActivityTaskScheduledEventAttributes.parser(), a.scheduledAttributes, null),
                a.firstScheduledTimeMillis, a.cancelRequested, a.cancelRequestedEventId)));
        p.put("activities", activities);
        Map<String, Object> timers = new TreeMap<>();
        s.timers.forEach((id, t) -> timers.put(id, List.of(t.timerId, t.startedEventId, t.fireAtMillis)));
        p.put("timers", timers);
        Map<Long, Object> children = new TreeMap<>();
        s.children.forEach((id, c) -> children.put(id, List.of(c.initiatedEventId, String.valueOf(c.namespaceId),
                c.namespaceName, c.workflowId, c.workflowType, String.valueOf(c.runId), c.startedEventId,
                c.parentClosePolicy, c.requestId, c.attributes())));
        p.put("children", children);
        Map<Long, Object> external = new TreeMap<>();
        s.externalRequests.forEach((id, r) -> external.put(id, List.of(r.initiatedEventId, r.kind,
                r.namespaceName, r.workflowId, String.valueOf(r.runId), String.valueOf(r.signalName),
                String.valueOf(Protos.parse(Payloads.parser(), r.input, null)), String.valueOf(r.control),
                r.childWorkflowOnly, String.valueOf(r.reason), r.requestId)));
        p.put("externalRequests", external);
        Map<String, Object> updates = new TreeMap<>();
        s.updates.values().stream().filter(u -> u.acceptedEventId > 0).forEach(u -> updates.put(u.updateId,
                List.of(u.stage, u.acceptedEventId, Protos.parse(Request.parser(), u.request, null),
                        String.valueOf(Protos.parse(Outcome.parser(), u.outcome, null)))));
        p.put("updates", updates);
        return p;
    }
}
