package io.cadenza.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.devstack.CadenzaTopology;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The dev default, as README command 1 starts it: plain Temporal samples run against namespace {@code default}
 * without credentials (like {@code temporal server start-dev}), the printed dev API key works too, and nothing else
 * is reachable without credentials.
 */
class DevDefaultIT {

    private final CadenzaTopology stack = SystemStack.get();

    @Test
    void aWorkerWithoutCredentialsRunsWorkflowsInTheDefaultNamespace() {
        assertThat(runGreeting(null)).isEqualTo("Hello, anonymous!");
    }

    @Test
    void thePrintedDevApiKeyWorksOnTheDefaultNamespace() {
        String key = Poll.until("the dev API key file", Duration.ofSeconds(30), () -> {
            try {
                return stack.devApiKey().orElse(null);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(key).startsWith("cdz_");
        assertThat(runGreeting(key)).isEqualTo("Hello, anonymous!");
    }

    @Test
    void anonymousCallsReachNoOtherNamespace() {
        Tenant tenant = Tenant.signUp(stack, "private");
        String ns = (String) tenant.createActiveNamespace("secret", null).get("id");
        WorkflowServiceStubs anonymous = Sdk.stubs(stack.gatewayGrpcTarget(), null);
        try {
            assertThatThrownBy(() -> anonymous.blockingStub().describeNamespace(
                    DescribeNamespaceRequest.newBuilder().setNamespace(ns).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode())
                            .isEqualTo(Status.Code.UNAUTHENTICATED));
        } finally {
            anonymous.shutdownNow();
        }
        // while a key of the tenant works there
        String key = (String) tenant.createApiKey("k", Instant.now().plus(1, ChronoUnit.DAYS)).get("token");
        WorkflowServiceStubs withKey = Sdk.stubs(stack.gatewayGrpcTarget(), key);
        try {
            assertThat(withKey.blockingStub().describeNamespace(DescribeNamespaceRequest.newBuilder()
                    .setNamespace(ns).build()).getNamespaceInfo().getName()).isEqualTo(ns);
        } finally {
            withKey.shutdownNow();
        }
    }

    private String runGreeting(String apiKey) {
        return Sdk.runGreeting(stack.gatewayGrpcTarget(), apiKey, "default", "anonymous").result();
    }
}
