package io.cadenza.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.devstack.CadenzaTopology;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Per-namespace limits: a namespace flooded at 20 times its requests-per-second limit is answered
 * RESOURCE_EXHAUSTED (only limit + burst get through), while another namespace's calls keep succeeding at their usual
 * latency (the figures are printed).
 */
class RateLimitIT {

    private final CadenzaTopology stack = SystemStack.get();

    @Test
    void aFloodedNamespaceIsThrottledAndAnotherIsNotSlowedDown() throws Exception {
        Tenant noisy = Tenant.signUp(stack, "noisy");
        Tenant quiet = Tenant.signUp(stack, "quiet");
        String noisyNs = (String) noisy.createActiveNamespace("flood", null).get("id");
        String quietNs = (String) quiet.createActiveNamespace("calm", null).get("id");
        noisy.api().body(Map.of("requestsPerSecond", 20, "actionsPerSecond", 10))
                .patch("/api/v1/namespaces/" + noisyNs).then().statusCode(200);
        String noisyKey = (String) noisy.createApiKey("flood", Instant.now().plus(1, ChronoUnit.DAYS)).get("token");
        String quietKey = (String) quiet.createApiKey("calm", Instant.now().plus(1, ChronoUnit.DAYS)).get("token");

        ManagedChannel channel = ManagedChannelBuilder.forTarget(stack.gatewayGrpcTarget()).usePlaintext().build();
        ExecutorService flooders = Executors.newFixedThreadPool(4);
        try {
            var noisyStub = stub(channel, noisyKey, noisyNs);
            var quietStub = stub(channel, quietKey, quietNs);
            // The new limit reaches the gateway within its cache time.
            Poll.until("the noisy namespace to be throttled", Duration.ofSeconds(20), () -> {
                for (int i = 0; i < 60; i++) {
                    try {
                        noisyStub.describeNamespace(describe(noisyNs));
                    } catch (StatusRuntimeException e) {
                        if (e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                            return e;
                        }
                        throw e;
                    }
                }
                return null;
            });

            List<Long> baseline = latencies(quietStub, quietNs, 100);

            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicLong exhausted = new AtomicLong();
            AtomicLong admitted = new AtomicLong();
            // A flood of 20 times the limit (4 callers x 100 calls/s), paced so that it is a flood of the noisy
            // namespace and not of this machine's two cores, which the quiet namespace's calls also need.
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / 100;
            for (int t = 0; t < 4; t++) {
                flooders.submit(() -> {
                    long next = System.nanoTime();
                    while (flooding.get()) {
                        next += intervalNanos;
                        java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                        try {
                            noisyStub.describeNamespace(describe(noisyNs));
                            admitted.incrementAndGet();
                        } catch (StatusRuntimeException e) {
                            if (e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                                exhausted.incrementAndGet();
                            }
                        }
                    }
                });
            }
            long floodStart = System.nanoTime();
            Poll.until("the flood to be under way", Duration.ofSeconds(10),
                    () -> exhausted.get() > 100 ? true : null);
            List<Long> during = latencies(quietStub, quietNs, 100);
            flooding.set(false);
            double floodSeconds = (System.nanoTime() - floodStart) / 1e9;

            long baseP50 = percentile(baseline, 50);
            long floodP50 = percentile(during, 50);
            System.out.printf("rate limit: noisy admitted %d, rejected %d in %.1f s; quiet p50 %.2f ms -> %.2f ms "
                            + "(p90 %.2f -> %.2f ms)%n", admitted.get(), exhausted.get(), floodSeconds, baseP50 / 1e6,
                    floodP50 / 1e6, percentile(baseline, 90) / 1e6, percentile(during, 90) / 1e6);
            // At most the limit (20/s) plus one second of burst got through.
            assertThat(admitted.get()).isLessThanOrEqualTo((long) (20 * floodSeconds) + 20 + 5);
            assertThat(exhausted.get()).isGreaterThan(100);
            // The quiet namespace never saw RESOURCE_EXHAUSTED (latencies() fails otherwise) and is not slowed down.
            assertThat(floodP50).isLessThan(Math.max(baseP50 * 3, baseP50 + TimeUnit.MILLISECONDS.toNanos(10)));
        } finally {
            flooders.shutdownNow();
            flooders.awaitTermination(10, TimeUnit.SECONDS);
            channel.shutdownNow();
        }
    }

    private static WorkflowServiceGrpc.WorkflowServiceBlockingStub stub(ManagedChannel channel, String key,
                                                                        String namespace) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
        headers.put(Metadata.Key.of("temporal-namespace", Metadata.ASCII_STRING_MARSHALLER), namespace);
        return WorkflowServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static DescribeNamespaceRequest describe(String namespace) {
        return DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build();
    }

    private static List<Long> latencies(WorkflowServiceGrpc.WorkflowServiceBlockingStub stub, String namespace,
                                        int calls) {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            stub.withDeadlineAfter(5, TimeUnit.SECONDS).describeNamespace(describe(namespace));
            nanos.add(System.nanoTime() - start);
        }
        return nanos;
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }
}
