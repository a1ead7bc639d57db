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

    /**
     * Where and as whom the SDK connects.
     *
     * @param address   gRPC {@code host:port}
     * @param namespace the namespace the workflows run in
     * @param apiKey    sent as {@code authorization: Bearer <key>} (plaintext, as the dev stack's gateway serves);
     *                  empty for a target that needs no credentials
     * @param metadata  further gRPC metadata sent with every call (e.g. a cell's internal token)
     */
    record Connection(String address, String namespace, Optional<String> apiKey, java.util.Map<String, String> metadata) {
        Connection(String address, String namespace, Optional<String> apiKey) {
            this(address, namespace, apiKey, java.util.Map.of());
        }

        static Connection anonymous(String address) {
            return new Connection(address, NAMESPACE, Optional.empty());
        }
    }

    private ThroughputRun(Connection connection, int concurrency) {
        this.concurrency = concurrency;
        workerService = stubs(connection, rpcs);
        startService = stubs(connection, rpcs);
        resultService = stubs(connection, rpcs);
        WorkflowClientOptions clientOptions = WorkflowClientOptions.newBuilder()
                .setNamespace(connection.namespace()).build();
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
        return open(Connection.anonymous(address), concurrency);
    }

    /** Connects to the target as {@code connection} says and starts the worker. */
    static ThroughputRun open(Connection connection, int concurrency) {
        ThroughputRun run = new ThroughputRun(connection, concurrency);
        run.factory.start();
        return run;
    }

    static WorkflowServiceStubs stubs(Connection connection, RpcCounter rpcs) {
        // Lazily connected: the first RPC fails clearly if the target is down, and no gRPC health service is needed.
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
                .setTarget(connection.address())
                .setGrpcClientInterceptors(List.of(rpcs));
        // With an API key the SDK turns TLS on unless told otherwise; the dev stack's gateway is plaintext on loopback.
        connection.apiKey().ifPresent(key -> options.addApiKey(() -> key).setEnableHttps(false));
        if (!connection.metadata().isEmpty()) {
            io.grpc.Metadata headers = new io.grpc.Metadata();
            connection.metadata().forEach((name, value) ->
                    headers.put(io.grpc.Metadata.Key.of(name, io.grpc.Metadata.ASCII_STRING_MARSHALLER), value));
            options.setHeaders(headers);
        }
        return WorkflowServiceStubs.newServiceStubs(options.build());
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
        java.util.concurrent.atomic.AtomicIntegerArray perSecond =
                new java.util.concurrent.atomic.AtomicIntegerArray((int) Math.max(1, timeout.toSeconds() + 1));
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
                                    int second = (int) TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin);
                                    perSecond.incrementAndGet(Math.min(second, perSecond.length() - 1));
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
        int[] timeline = new int[(int) Math.min(perSecond.length(), elapsed.toSeconds() + 1)];
        for (int s = 0; s < timeline.length; s++) {
            timeline[s] = perSecond.get(s);
        }
        return new PhaseResult(count, completed.get(), failed.get(), elapsed, timedOut, Latencies.of(measured),
                Optional.ofNullable(firstFailure.get()), timeline);
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
