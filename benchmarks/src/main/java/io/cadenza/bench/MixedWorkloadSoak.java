package io.cadenza.bench;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A soak: many {@link SoakWorkflow}s at once through the official SDK, each queried, signalled, updated and awaited, then
 * every history checked (contiguous event ids, exactly the expected events, the continued run of odd workflows).
 * It prints what each client call cost, what went wrong, and ERROR lines of the data plane when it started one.
 * Exit code 1 if any workflow failed, any history is off, or the data plane logged an error.
 */
public final class MixedWorkloadSoak {

    private static final String NAMESPACE = "default";

    private MixedWorkloadSoak() {
    }

    public static void main(String[] args) {
        SoakOptions options;
        try {
            options = SoakOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(SoakOptions.USAGE);
            System.exit(2);
            return;
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // Every workflow's first FlakyIncrement attempt fails on purpose; the SDK logs each one with a stack trace.
        System.setProperty("org.slf4j.simpleLogger.log.io.temporal.internal.activity", "error");
        Path home = Path.of(System.getProperty("cadenza.home", ".")).toAbsolutePath().normalize();
        try {
            System.exit(run(options, home, System.out) ? 0 : 1);
        } catch (Exception e) {
            System.out.println();
            System.out.println("FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Runs the soak; true when everything checked out. */
    static boolean run(SoakOptions options, Path home, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "Soak: %d workflows, %d in flight, task queue '%s', namespace '%s'%n",
                options.workflows(), options.concurrency(), SoakWorkflow.TASK_QUEUE, NAMESPACE);
        try (BenchTarget target = options.testServer() ? TestServerTarget.start()
                : options.cadenzaAddress().map(CadenzaTarget::running).orElseGet(() -> start(home))) {
            out.println("target       " + target.name() + " at " + target.address());
            WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget(target.address()).build());
            try {
                WorkflowClient client = WorkflowClient.newInstance(service,
                        WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
                SoakActivitiesImpl activities = new SoakActivitiesImpl();
                // Two workers on the task queue, as two processes of one deployment would be.
                WorkerFactory[] workers = {startWorker(client, activities), startWorker(client, activities)};
                try {
                    SoakApprover approver = target instanceof CadenzaTarget cadenza
                            ? new SoakApprover(cadenza.inboxBase(), NAMESPACE) : null;
                    try {
                        boolean ok = soak(options, target, client, service, activities, workers, approver, out);
                        return checkLog(target, out) && ok;
                    } finally {
                        if (approver != null) {
                            approver.close();
                        }
                    }
                } finally {
                    for (WorkerFactory factory : workers) {
                        factory.shutdownNow();
                        factory.awaitTermination(10, TimeUnit.SECONDS);
                    }
                }
            } finally {
                service.shutdownNow();
            }
        }
    }

    private static WorkerFactory startWorker(WorkflowClient client, SoakActivitiesImpl activities) {
        WorkerFactory factory = WorkerFactory.newInstance(client);
        Worker worker = factory.newWorker(SoakWorkflow.TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(SoakWorkflowImpl.class, SoakWorkflowImpl.Child.class);
        worker.registerActivitiesImplementations(activities);
        factory.start();
        return factory;
    }

    private static CadenzaTarget start(Path home) {
        try {
            return CadenzaTarget.start(home);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private enum Call { START, QUERY, SIGNAL, UPDATE, RESULT }

    private static boolean soak(SoakOptions options, BenchTarget target, WorkflowClient client,
                                WorkflowServiceStubs service, SoakActivitiesImpl activities,
                                WorkerFactory[] workers, SoakApprover approver, PrintStream out)
            throws InterruptedException {
        int count = options.workflows();
        String prefix = "soak-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Map<Call, long[]> nanos = new EnumMap<>(Call.class);
        for (Call call : Call.values()) {
            nanos.put(call, new long[count]);
            java.util.Arrays.fill(nanos.get(call), -1);
        }
        WorkflowExecution[] executions = new WorkflowExecution[count];
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(options.concurrency());
        CountDownLatch finished = new CountDownLatch(count);
        ExecutorService callers = Executors.newFixedThreadPool(Math.min(64, options.concurrency()));
        // Queries racing with each run's signal (issue 20: a query during a signal could stall the signal).
        ExecutorService queriers = Executors.newFixedThreadPool(8);
        java.util.concurrent.atomic.AtomicInteger resultsIn = new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch killDue = new CountDownLatch(1);
        Thread killer = options.killAfter() == 0 ? null : new Thread(() -> {
            try {
                killDue.await();
                java.time.Duration gone = ((CadenzaTarget) target).killAndRestartDataPlane();
                out.printf(Locale.ROOT, "crash        data plane killed (SIGKILL) after %d workflows, back in %.1f s%n",
                        options.killAfter(), gone.toMillis() / 1000.0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                failures.add("could not restart the data plane: " + e);
            }
        }, "soak-killer");
        if (killer != null) {
            killer.setDaemon(true);
            killer.start();
        }
        CountDownLatch replaceDue = new CountDownLatch(1);
        Thread replacer = options.replaceWorkerAfter() == 0 ? null : new Thread(() -> {
            try {
                replaceDue.await();
                long began = System.nanoTime();
                // A rolling deploy: the second worker stops (its cached runs and tasks in hand are given up) and
                // a new process takes its place.
                workers[1].shutdownNow();
                workers[1].awaitTermination(30, TimeUnit.SECONDS);
                workers[1] = startWorker(client, activities);
                out.printf(Locale.ROOT, "worker       second worker replaced after %d workflows in %.1f s%n",
                        options.replaceWorkerAfter(), (System.nanoTime() - began) / 1e9);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failures.add("could not replace the worker: " + e);
            }
        }, "soak-worker-replacer");
        if (replacer != null) {
            replacer.setDaemon(true);
            replacer.start();
        }
        long begin = System.nanoTime();
        long deadline = begin + TimeUnit.SECONDS.toNanos(options.timeoutSeconds());
        for (int i = 0; i < count; i++) {
            if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                failures.add("timed out after " + options.timeoutSeconds() + " s with workflows still running");
                break;
            }
            int n = i;
            callers.execute(() -> {
                Runnable done = () -> {
                    inFlight.release();
                    finished.countDown();
                };
                try {
                    SoakWorkflow stub = client.newWorkflowStub(SoakWorkflow.class, WorkflowOptions.newBuilder()
                            .setTaskQueue(SoakWorkflow.TASK_QUEUE).setWorkflowId(prefix + n).build());
                    long t = System.nanoTime();
                    executions[n] = WorkflowClient.start(stub::run, n, 0, 0L, approver != null);
                    nanos.get(Call.START)[n] = System.nanoTime() - t;
                    t = System.nanoTime();
                    String progress = stub.progress();
                    nanos.get(Call.QUERY)[n] = System.nanoTime() - t;
                    if (!"waiting".equals(progress)) {
                        failures.add(prefix + n + ": query before the signal answered " + progress);
                    }
                    java.util.concurrent.Future<String> racing = queriers.submit(stub::progress);
                    t = System.nanoTime();
                    stub.go("token-" + n);
                    nanos.get(Call.SIGNAL)[n] = System.nanoTime() - t;
                    // a query issued after the signal was accepted sees it, even with another query in flight
                    String seen = stub.signalledToken();
                    if (!("token-" + n).equals(seen)) {
                        failures.add(prefix + n + ": query after the signal saw token " + seen);
                    }
                    try {
                        racing.get(60, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        failures.add(prefix + n + ": a query during the signal failed: " + causes(e));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    t = System.nanoTime();
                    String updated = stub.addBonus(SoakWorkflow.bonus(n));
                    nanos.get(Call.UPDATE)[n] = System.nanoTime() - t;
                    if (!SoakWorkflow.expectedUpdateResult(n).equals(updated)) {
                        failures.add(prefix + n + ": update answered " + updated + ", expected "
                                + SoakWorkflow.expectedUpdateResult(n));
                    }
                    SoakWorkflow.Fate fate = SoakWorkflow.fate(n);
                    if (fate == SoakWorkflow.Fate.CANCEL) {
                        WorkflowStub.fromTyped(stub).cancel();
                    } else if (fate == SoakWorkflow.Fate.TERMINATE) {
                        WorkflowStub.fromTyped(stub).terminate("the soak terminates every tenth run");
                    }
                    long resultFrom = System.nanoTime();
                    WorkflowStub.fromTyped(stub).getResultAsync(String.class).whenComplete((result, error) -> {
                        nanos.get(Call.RESULT)[n] = System.nanoTime() - resultFrom;
                        if (fate != SoakWorkflow.Fate.COMPLETE) {
                            Throwable cause = error instanceof java.util.concurrent.CompletionException
                                    && error.getCause() != null ? error.getCause() : error;
                            Class<?> expectedCause = fate == SoakWorkflow.Fate.CANCEL
                                    ? io.temporal.failure.CanceledFailure.class
                                    : io.temporal.failure.TerminatedFailure.class;
                            if (!(cause instanceof io.temporal.client.WorkflowFailedException failed)
                                    || !expectedCause.isInstance(failed.getCause())) {
                                failures.add(prefix + n + ": expected " + expectedCause.getSimpleName()
                                        + ", got " + (error != null ? error : result));
                            }
                        } else if (error != null) {
                            failures.add(prefix + n + ": " + causes(error));
                        } else if (!SoakWorkflow.expected(n).equals(result)) {
                            failures.add(prefix + n + ": expected " + SoakWorkflow.expected(n) + ", got " + result);
                        }
                        int in = resultsIn.incrementAndGet();
                        if (in == options.killAfter()) {
                            killDue.countDown();
                        }
                        if (in == options.replaceWorkerAfter()) {
                            replaceDue.countDown();
                        }
                        done.run();
                    });
                } catch (RuntimeException e) {
                    failures.add(prefix + n + ": " + causes(e));
                    done.run();
                }
            });
        }
        boolean allDone = finished.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        for (Thread helper : new Thread[] {killer, replacer}) {
            if (helper != null) {
                helper.join(TimeUnit.SECONDS.toMillis(60));
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        callers.shutdownNow();
        queriers.shutdownNow();
        if (!allDone) {
            failures.add("timed out after " + options.timeoutSeconds() + " s with workflows still running");
        }
        out.printf(Locale.ROOT, "completed    %d workflows in %.1f s: %.1f workflows/s (%d failures)%n", count,
                seconds, count / seconds, failures.size());
        for (Call call : Call.values()) {
            Latencies l = Latencies.of(java.util.Arrays.stream(nanos.get(call)).filter(x -> x >= 0).toArray());
            out.printf(Locale.ROOT, "%-12s p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d calls)%n",
                    call.name().toLowerCase(Locale.ROOT), l.p50Ms(), l.p99Ms(), l.maxMs(), l.count());
        }
        long completing = java.util.stream.IntStream.range(0, count)
                .filter(n -> SoakWorkflow.fate(n) == SoakWorkflow.Fate.COMPLETE).count();
        out.printf(Locale.ROOT, "retries      %d first attempts failed on purpose (one per completing workflow: %d)%n",
                activities.plannedFailures.get(), completing);

        boolean approvalsOk = true;
        if (approver != null) {
            long asked = java.util.stream.IntStream.range(0, count).filter(SoakWorkflow::needsApproval).count();
            out.printf(Locale.ROOT, "approvals    %d inbox tasks approved (%d asked for), %d already closed, %d errors%n",
                    approver.approved(), asked, approver.conflicts(), approver.errors().size());
            approver.errors().stream().limit(5).forEach(e -> out.println("  inbox: " + e));
            approvalsOk = approver.approved() == asked && approver.errors().isEmpty();
        }
        List<String> historyProblems = new ArrayList<>();
        int checked = 0;
        for (WorkflowExecution execution : executions) {
            if (execution != null) {
                historyProblems.addAll(checkChain(service, execution, approver != null));
                checked++;
            }
        }
        out.printf(Locale.ROOT, "histories    %d workflows checked, %d problems%n", checked, historyProblems.size());
        historyProblems.stream().limit(10).forEach(p -> out.println("  history: " + p));
        failures.stream().limit(10).forEach(f -> out.println("  failure: " + f));
        return failures.isEmpty() && historyProblems.isEmpty() && checked == count && approvalsOk
                && activities.plannedFailures.get() >= completing;
    }

    /** An error and its causes, each with its message: the status a call failed with is several levels down. */
    static String causes(Throwable error) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = error; t != null && out.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
            out.append(out.length() == 0 ? "" : " <- ").append(t);
        }
        return out.toString();
    }

    /** The first run's history and, for a run that continued, its successor's. */
    private static List<String> checkChain(WorkflowServiceStubs service, WorkflowExecution first,
                                           boolean approvals) {
        int n = Integer.parseInt(first.getWorkflowId().substring(first.getWorkflowId().lastIndexOf('-') + 1));
        List<String> problems = new ArrayList<>();
        List<HistoryEvent> events = history(service, first);
        boolean continues = n % 2 == 1;
        Map<EventType, Long> counts = check(first, events, problems);
        expect(problems, first, counts, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, 1);
        expect(problems, first, counts, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, 1);
        expect(problems, first, counts, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED, 1);
        expect(problems, first, counts, EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, 0);
        SoakWorkflow.Fate fate = SoakWorkflow.fate(n);
        if (fate != SoakWorkflow.Fate.COMPLETE) {
            boolean cancelled = fate == SoakWorkflow.Fate.CANCEL;
            // A cancelled run cleans up with one activity; a terminated one does nothing more.
            expect(problems, first, counts, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, cancelled ? 1 : 0);
            expect(problems, first, counts, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
                    cancelled ? 1 : 0);
            EventType last = events.isEmpty() ? EventType.EVENT_TYPE_UNSPECIFIED
                    : events.get(events.size() - 1).getEventType();
            EventType expectedLast = cancelled ? EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED
                    : EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED;
            if (last != expectedLast) {
                problems.add(first.getWorkflowId() + ": last event " + last + ", expected " + expectedLast);
            }
            return problems;
        }
        // FlakyIncrement, Square, Heartbeating, and the Approval activity when a person approved the run.
        expect(problems, first, counts, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
                approvals && SoakWorkflow.needsApproval(n) ? 4 : 3);
        expect(problems, first, counts, EventType.EVENT_TYPE_MARKER_RECORDED, 3);
        expect(problems, first, counts, EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED, 0);
        expect(problems, first, counts, EventType.EVENT_TYPE_TIMER_FIRED, 1);
        expect(problems, first, counts, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED, continues ? 0 : 1);
        EventType last = events.isEmpty() ? EventType.EVENT_TYPE_UNSPECIFIED : events.get(events.size() - 1).getEventType();
        EventType expectedLast = continues ? EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
                : EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED;
        if (last != expectedLast) {
            problems.add(first.getWorkflowId() + ": last event " + last + ", expected " + expectedLast);
        } else if (continues) {
            String nextRun = events.get(events.size() - 1).getWorkflowExecutionContinuedAsNewEventAttributes()
                    .getNewExecutionRunId();
            WorkflowExecution next = first.toBuilder().setRunId(nextRun).build();
            List<HistoryEvent> nextEvents = history(service, next);
            Map<EventType, Long> nextCounts = check(next, nextEvents, problems);
            expect(problems, next, nextCounts, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED, 1);
            expect(problems, next, nextCounts, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, 1);
            expect(problems, next, nextCounts, EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, 0);
        }
        return problems;
    }

    /** Event ids run 1, 2, 3, ... with no gap or repeat; returns how many events of each type there are. */
    private static Map<EventType, Long> check(WorkflowExecution run, List<HistoryEvent> events, List<String> problems) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).getEventId() != i + 1) {
                problems.add(run.getWorkflowId() + "/" + run.getRunId() + ": event #" + (i + 1) + " has id "
                        + events.get(i).getEventId());
                break;
            }
        }
        return events.stream().collect(Collectors.groupingBy(HistoryEvent::getEventType, Collectors.counting()));
    }

    private static void expect(List<String> problems, WorkflowExecution run, Map<EventType, Long> counts,
                               EventType type, long expected) {
        long actual = counts.getOrDefault(type, 0L);
        if (actual != expected) {
            problems.add(run.getWorkflowId() + "/" + run.getRunId() + ": " + actual + " " + type + ", expected "
                    + expected);
        }
    }

    private static List<HistoryEvent> history(WorkflowServiceStubs service, WorkflowExecution run) {
        List<HistoryEvent> events = new ArrayList<>();
        com.google.protobuf.ByteString token = com.google.protobuf.ByteString.EMPTY;
        do {
            GetWorkflowExecutionHistoryResponse page = service.blockingStub().getWorkflowExecutionHistory(
                    GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(NAMESPACE).setExecution(run)
                            .setNextPageToken(token).build());
            events.addAll(page.getHistory().getEventsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return events;
    }

    /** ERROR lines of the data plane's log, when this run started it. */
    private static boolean checkLog(BenchTarget target, PrintStream out) throws IOException {
        Optional<Path> log = target instanceof CadenzaTarget cadenza ? cadenza.dataPlaneLog() : Optional.empty();
        if (log.isEmpty()) {
            out.println("server log   not checked (not a data plane this run started)");
            return true;
        }
        List<String> errors;
        try (var lines = Files.lines(log.get())) {
            errors = lines.filter(l -> l.contains(" ERROR ")).limit(20).toList();
        }
        out.printf(Locale.ROOT, "server log   %d ERROR lines%n", errors.size());
        errors.forEach(e -> out.println("  " + e));
        return errors.isEmpty();
    }
}
