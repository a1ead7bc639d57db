package io.cadenza.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A cell known as several instances: calls spread over those that answer, a dead one is skipped until it is back. */
class CellChannelsTest {

    private final CellChannels channels = new CellChannels(4 * 1024 * 1024);
    private Server one;
    private Server two;

    @AfterEach
    void stop() throws InterruptedException {
        channels.close();
        for (Server s : new Server[]{one, two}) {
            if (s != null) {
                s.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void callsSpreadOverTheLiveInstancesAndSkipAStoppedOneUntilItIsBack() throws Exception {
        one = instance("one", 0);
        two = instance("two", 0);
        int twoPort = two.getPort();
        ManagedChannel channel = channels.forEndpoint("127.0.0.1:" + one.getPort() + ",127.0.0.1:" + twoPort);
        var stub = WorkflowServiceGrpc.newBlockingStub(channel);

        assertThat(answerers(stub, 20)).containsExactlyInAnyOrder("one", "two");

        two.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        // The connection's failure is noticed at once; from then on every call goes to the live instance.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int consecutive = 0;
        while (consecutive < 20) {
            assertThat(System.nanoTime()).as("calls keep failing after an instance stopped").isLessThan(deadline);
            try {
                assertThat(answer(stub)).isEqualTo("one");
                consecutive++;
            } catch (StatusRuntimeException inFlightWhenItDied) {
                consecutive = 0;
            }
        }

        two = instance("two", twoPort);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!answerers(stub, 10).contains("two")) {
            assertThat(System.nanoTime()).as("the restarted instance gets calls again").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void aSingleEndpointIsAPlainTarget() {
        assertThat(CellInstances.target("10.0.0.1:7301")).isEqualTo("10.0.0.1:7301");
        assertThat(CellInstances.target("10.0.0.1:7301, 10.0.0.2:7301"))
                .isEqualTo("cadenza-cell:///10.0.0.1:7301,10.0.0.2:7301");
        assertThat(CellInstances.addresses("/a:1,b:2")).containsExactly("a:1", "b:2");
    }

    private static Set<String> answerers(WorkflowServiceGrpc.WorkflowServiceBlockingStub stub, int calls) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < calls; i++) {
            try {
                out.add(answer(stub));
            } catch (StatusRuntimeException e) {
                // a reconnecting instance
            }
        }
        return out;
    }

    private static String answer(WorkflowServiceGrpc.WorkflowServiceBlockingStub stub) {
        return stub.withDeadlineAfter(5, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
                .getServerVersion();
    }

    private static Server instance(String name, int port) throws IOException {
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(new WorkflowServiceGrpc.WorkflowServiceImplBase() {
                    @Override
                    public void getSystemInfo(GetSystemInfoRequest request,
                                              StreamObserver<GetSystemInfoResponse> out) {
                        out.onNext(GetSystemInfoResponse.newBuilder().setServerVersion(name).build());
                        out.onCompleted();
                    }
                })
                .build().start();
    }
}
