package io.cadenza.dataplane.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.testing.SdkTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.enums.v1.EventType;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.CanceledFailure;
import io.temporal.worker.Worker;
import io.temporal.client.WorkflowStub;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Regression test for issue 20: a query that arrived while a signal's workflow task was pending was handed to a
 * worker directly, with a history that already held the signal but not the task that delivers it. The SDK rebuilt
 * its cached run from that history, and the workflow task that followed found nothing new: the second signal stalled
 * until a later event (6 of 30 runs stalled for over 40 s).
 *
 * <p>Queries must be consistent as in Temporal: one issued after a signal was accepted sees that signal (a query
 * that arrives while a workflow task is scheduled or running rides on that task, or on the next one), and a query
 * never delays or swallows a workflow task. Many runs, each signalled from its own client thread back to back while
 * it is queried, every query checked against the signals accepted before it was sent.
 */
@QuarkusTest
public class QueryDuringSignalsTest extends SdkTestSupport {

    static final int SIGNALS = 3;

    @WorkflowInterface
    public interface Collector {
        @WorkflowMethod
        List<String> collect(int expected);

        @SignalMethod
        void add(String item);

        @UpdateMethod
        int addAndCount(String item);

        @QueryMethod
        int count();
    }

    public static class CollectorImpl implements Collector {
        private final List<String> items = new ArrayList<>();

        @Override
        public List<String> collect(int expected) {
            Workflow.await(() -> items.size() >= expected);
            return items;
        }

        @Override
        public void add(String item) {
            items.add(item);
        }

        @Override
        public int addAndCount(String item) {
            items.add(item);
            return items.size();
        }

        @Override
        public int count() {
            return items.size();
        }
    }

    @ActivityInterface
    public interface Steps {
        int step(int i);
    }

    public static class StepsImpl implements Steps {
        @Override
        public int step(int i) {
            return i;
        }
    }

    @WorkflowInterface
    public interface Stepper {
        @WorkflowMethod
        int run(int steps);

        @QueryMethod
        int done();
    }

    /** Runs activities one after another; cancelled, it records the cancellation with one more activity. */
    public static class StepperImpl implements Stepper {
        private final Steps steps = Workflow.newActivityStub(Steps.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(10)).build());
        private int done;

        @Override
        public int run(int count) {
            try {
                for (int i = 1; i <= count; i++) {
                    steps.step(i);
                    done = i;
                    if (i == 2) {
                        // a timer gives a cancellation request a workflow task of its own to arrive in
                        Workflow.sleep(Duration.ofMillis(200));
                    }
                }
                return done;
            } catch (CanceledFailure e) {
                Workflow.newDetachedCancellationScope(() -> steps.step(-1)).run();
                throw e;
            }
        }

        @Override
        public int done() {
            return done;
        }
    }

    @Test
    void queriesWhileActivitiesCompleteAndCancellationsArriveNeverStallARun() throws Exception {
        // given runs of five activities each, queried without pause from other threads
        Worker worker = newWorker();
        worker.registerWorkflowImplementationTypes(StepperImpl.class);
        worker.registerActivitiesImplementations(new StepsImpl());
        startWorkers();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        ExecutorService pollers = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                boolean cancel = i % 2 == 1;
                done.add(clients.submit(() -> {
                    Stepper wf = newWorkflow(Stepper.class);
                    WorkflowClient.start(wf::run, 5);
                    WorkflowStub stub = WorkflowStub.fromTyped(wf);
                    String id = stub.getExecution().getWorkflowId();
                    Future<?> poller = pollers.submit(() -> {
                        int last = 0;
                        for (int q = 0; q < 30; q++) {
                            int seen = wf.done();
                            if (seen < last) {
                                violations.add(id + ": query went back from " + last + " to " + seen);
                            }
                            last = seen;
                        }
                    });
                    // when half of them are cancelled once two activities are done (seen by a query)
                    if (cancel) {
                        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                        while (wf.done() < 2 && System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                        stub.cancel();
                    }
                    // then every run ends as it should, within a deadline, with no failed workflow task
                    try {
                        int result = stub.getResult(30, TimeUnit.SECONDS, Integer.class);
                        if (cancel || result != 5) {
                            violations.add(id + ": completed with " + result + (cancel ? " despite cancel" : ""));
                        }
                    } catch (WorkflowFailedException e) {
                        if (!cancel || !(e.getCause() instanceof CanceledFailure)) {
                            violations.add(id + ": failed with " + e.getCause());
                        }
                    } catch (java.util.concurrent.TimeoutException e) {
                        violations.add(id + ": did not close within 30 s; history " + eventTypes(id));
                    }
                    poller.get(60, TimeUnit.SECONDS);
                    if (!historyOfType(id, EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED).isEmpty()) {
                        violations.add(id + ": a workflow task failed; history " + eventTypes(id));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
            pollers.shutdownNow();
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyQueryAfterASignalSeesItAndNoRunStalls() throws Exception {
        // given a worker and many runs waiting for three signals each
        newWorker().registerWorkflowImplementationTypes(CollectorImpl.class);
        startWorkers();
        int runs = 40;
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                int run = i;
                done.add(clients.submit(() -> driveRun(run, violations)));
            }
            // when each run is signalled back to back and queried after every accepted signal
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }

        // then no query missed a signal accepted before it, and every run completed with all its signals
        assertThat(violations).isEmpty();
    }

    @Test
    void queriesDuringUpdatesSeeEveryAcceptedUpdate() throws Exception {
        // given runs that count items added by updates
        newWorker().registerWorkflowImplementationTypes(CollectorImpl.class);
        startWorkers();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        ExecutorService pollers = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                done.add(clients.submit(() -> {
                    Collector wf = newWorkflow(Collector.class);
                    WorkflowClient.start(wf::collect, SIGNALS);
                    // a poller hammering queries from another thread while the updates go in
                    Future<?> poller = pollers.submit(() -> {
                        for (int q = 0; q < 40 && !Thread.currentThread().isInterrupted(); q++) {
                            wf.count();
                        }
                    });
                    for (int k = 1; k <= SIGNALS; k++) {
                        // when an update is accepted
                        int counted = wf.addAndCount("u" + k);
                        // then a query issued afterwards sees it
                        int seen = wf.count();
                        if (counted != k || seen < k) {
                            violations.add("update " + k + ": counted " + counted + ", query saw " + seen);
                        }
                    }
                    WorkflowStub.fromTyped(wf).getResult(30, TimeUnit.SECONDS, List.class);
                    poller.get(60, TimeUnit.SECONDS);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
            pollers.shutdownNow();
        }
        assertThat(violations).isEmpty();
    }

    private void driveRun(int run, ConcurrentLinkedQueue<String> violations) {
        Collector wf = newWorkflow(Collector.class);
        WorkflowClient.start(wf::collect, SIGNALS);
        String workflowId = WorkflowStub.fromTyped(wf).getExecution().getWorkflowId();
        // some runs are queried before any signal, so the worker holds them in its sticky cache
        if (run % 2 == 0) {
            assertThat(wf.count()).isZero();
        }
        // two signals back to back (the second arrives while the first one's workflow task is pending), then one
        wf.add("item-1");
        wf.add("item-2");
        int seen = wf.count();
        if (seen < 2) {
            violations.add(workflowId + ": query after 2 accepted signals saw " + seen);
        }
        wf.add("item-3");
        seen = wf.count();
        if (seen < 3) {
            violations.add(workflowId + ": query after 3 accepted signals saw " + seen);
        }
        try {
            List<?> items = WorkflowStub.fromTyped(wf).getResult(30, TimeUnit.SECONDS, List.class);
            if (items.size() != SIGNALS) {
                violations.add(workflowId + ": completed with " + items);
            }
        } catch (Exception e) {
            violations.add(workflowId + ": did not complete within 30 s (" + e + "); history "
                    + eventTypes(workflowId));
        }
        long failedTasks = history(workflowId).stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED).count();
        if (failedTasks > 0) {
            violations.add(workflowId + ": " + failedTasks + " failed workflow tasks");
        }
    }
}
