package io.cadenza.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;

/**
 * Drives {@link EchoWorkflow}s against one target with the official Temporal SDK: a worker on task queue
 * {@value #TASK_QUEUE}, and a client that keeps a fixed number of workflows in flight.
 *
 * <p>The worker, the starts and the result waits each get their own gRPC connection: a server caps concurrent HTTP/2
 * streams per connection (Vert.x: 100 by default), and parked result long-polls must not delay starts or polls.
 */
final class ThroughputRun implements AutoCloseable {

    static final String TASK_QUEUE = "bench";
    static final String NAMESPACE = "default";
    private static final int POLLERS = 8;

    private final int concurrency;
    private final RpcCounter rpcs = new RpcCounter();
    private final WorkflowServiceStubs workerService;
    private final WorkflowServiceStubs startService;
    private final WorkflowServiceStubs resultService;
    private final WorkflowClient starter;
    private final WorkflowClient waiter;
    private final WorkerFactory factory;
    private final ExecutorService startThreads;
    /** Workflow ids must not collide with earlier runs against a persistent server. */
    private final String idPrefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    private ThroughputRun(String address, int concurrency) {
        this.concurrency = concurrency;
        workerService = stubs(address, rpcs);
        startService = stubs(address, rpcs);
        resultService = stubs(address, rpcs);
        WorkflowClientOptions clientOptions = WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build();
        starter = WorkflowClient.newInstance(startService, clientOptions);
        waiter = WorkflowClient.newInstance(resultService, clientOptions);
        int cache = Math.max(600, 2 * concurrency);
        factory = WorkerFactory.newInstance(WorkflowClient.newInstance(workerService, clientOptions),
                WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(cache).setMaxWorkflowThreadCount(cache).build());
        Worker worker = factory.newWorker(TASK_QUEUE, WorkerOptions.newBuilder()
                .setMaxConcurrentWorkflowTaskPollers(POLLERS)
                .setMaxConcurrentActivityTaskPollers(POLLERS)
                .setMaxConcurrentWorkflowTaskExecutionSize(Math.max(concurrency, POLLERS))
                .setMaxConcurrentActivityExecutionSize(Math.max(concurrency, POLLERS))
                .build());
        worker.registerWorkflowImplementationTypes(EchoWorkflowImpl.class);
        worker.registerActivitiesImplementations(new EchoActivitiesImpl());
        // StartWorkflowExecution is a blocking call: enough threads to keep `concurrency` workflows in flight even
        // when starts are slow, without one thread per workflow.
        startThreads = Executors.newFixedThreadPool(Math.min(concurrency, 32));
    }

    /** Connects to the target and starts the worker. */
    static ThroughputRun open(String address, int concurrency) {
        ThroughputRun run = new ThroughputRun(address, concurrency);
        run.factory.start();
        return run;
    }

    private static WorkflowServiceStubs stubs(String address, RpcCounter rpcs) {
        // Lazily connected: the first RPC fails clearly if the target is down, and no gRPC health service is needed.
        return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(address)
                .setGrpcClientInterceptors(List.of(rpcs))
                .build());
    }

    /** The RPCs the worker and the clients sent since the last call, by method. */
    java.util.Map<String, Long> drainRpcCounts() {
        return rpcs.drain();
    }

    /**
     * Runs {@code count} workflows, never more than the concurrency in flight, and waits for all results.
     *
     * @param label   part of the workflow ids, e.g. {@code warmup}
     * @param timeout the longest the batch may take
     * @param rate    starts per second (open loop: start i is due at i / rate seconds, still never more than the
     *                concurrency in flight); 0 starts the next workflow as soon as one finishes (closed loop)
     */
    PhaseResult run(String label, int count, Duration timeout, double rate) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        CountDownLatch finished = new CountDownLatch(count);
        long[] startNanos = new long[count];
        Arrays.fill(startNanos, -1);
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        long begin = System.nanoTime();
        long deadline = begin + timeout.toNanos();

        boolean timedOut = false;
        for (int i = 0; i < count && !timedOut; i++) {
            if (rate > 0) {
                long due = begin + (long) (i * 1e9 / rate);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                timedOut = true;
                break;
            }
            int index = i;
            startThreads.execute(() -> {
                Runnable done = () -> {
                    inFlight.release();
                    finished.countDown();
                };
                try {
                    String input = "payload-" + index;
                    WorkflowStub stub = starter.newUntypedWorkflowStub(EchoWorkflow.TYPE, WorkflowOptions.newBuilder()
                            .setTaskQueue(TASK_QUEUE)
                            .setWorkflowId(idPrefix + label + "-" + index)
                            .build());
                    long started = System.nanoTime();
                    WorkflowExecution execution = stub.start(input);
                    startNanos[index] = System.nanoTime() - started;
                    long secondsLeft = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
                    waiter.newUntypedWorkflowStub(execution, Optional.of(EchoWorkflow.TYPE))
                            .getResultAsync(secondsLeft, TimeUnit.SECONDS, String.class)
                            .whenComplete((result, error) -> {
                                if (error == null && input.equals(result)) {
                                    completed.incrementAndGet();
                                } else {
                                    failed.incrementAndGet();
                                    firstFailure.compareAndSet(null, error != null ? error
                                            : new IllegalStateException("expected " + input + ", got " + result));
                                }
                                done.run();
                            });
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, e);
                    done.run();
                }
            });
        }
        if (!finished.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            timedOut = true;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
        // The latch orders every recorded latency before this read.
        long[] measured = Arrays.stream(startNanos).filter(nanos -> nanos >= 0).toArray();
        return new PhaseResult(count, completed.get(), failed.get(), elapsed, timedOut, Latencies.of(measured),
                Optional.ofNullable(firstFailure.get()));
    }

    @Override
    public void close() {
        startThreads.shutdownNow();
        factory.shutdown();
        try {
            factory.awaitTermination(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Shutting down anyway.
        }
        for (WorkflowServiceStubs service : new WorkflowServiceStubs[] {workerService, startService, resultService}) {
            service.shutdownNow();
            service.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
