package io.cadenza.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.devstack.CadenzaTopology;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole flow of the hosted service: two companies sign up, each creates a namespace and an API key, and runs a
 * Temporal SDK worker and client through the gateway; each namespace lives on its own cell only.
 */
class TenancyEndToEndIT {

    private final CadenzaTopology stack = SystemStack.get();

    @Test
    void twoAccountsRunWorkflowsThroughTheGatewayOnTheirOwnCells() {
        Tenant acme = Tenant.signUp(stack, "acme");
        Tenant globex = Tenant.signUp(stack, "globex");
        assertThat(acme.accountId).isNotEqualTo(globex.accountId);

        Map<String, Object> acmeNs = acme.createActiveNamespace("orders", "cell-1");
        Map<String, Object> globexNs = globex.createActiveNamespace("orders", "cell-2");
        assertThat(acmeNs.get("id")).isEqualTo("orders." + acme.accountId);
        assertThat(globexNs.get("id")).isEqualTo("orders." + globex.accountId);
        assertThat(acmeNs.get("cellId")).isEqualTo("cell-1");
        assertThat(globexNs.get("cellId")).isEqualTo("cell-2");

        String acmeKey = (String) acme.createApiKey("acme worker", Instant.now().plus(30, ChronoUnit.DAYS))
                .get("token");
        String globexKey = (String) globex.createApiKey("globex worker", Instant.now().plus(30, ChronoUnit.DAYS))
                .get("token");

        WorkflowExecution acmeRun = runGreeting(acmeKey, (String) acmeNs.get("id"), "Acme");
        WorkflowExecution globexRun = runGreeting(globexKey, (String) globexNs.get("id"), "Globex");

        // Each namespace's workflows live only on its own cell.
        assertThat(describeOnCell("cell-1", (String) acmeNs.get("id"), acmeRun)).isTrue();
        assertThat(describeOnCell("cell-2", (String) acmeNs.get("id"), acmeRun)).isFalse();
        assertThat(describeOnCell("cell-2", (String) globexNs.get("id"), globexRun)).isTrue();
        assertThat(describeOnCell("cell-1", (String) globexNs.get("id"), globexRun)).isFalse();
    }

    @Test
    void keycloakTokensOfUsersAndServiceAccountsWorkLikeApiKeys() {
        Tenant initech = Tenant.signUp(stack, "initech");
        String ns = (String) initech.createActiveNamespace("billing", null).get("id");

        // the owner's own Keycloak access token (password grant on cadenza-cli)
        assertThat(runGreeting(initech.token(), ns, "Owner").getWorkflowId()).isNotBlank();

        // a service account: a Keycloak client whose client-credentials token is its identity
        io.restassured.response.Response created = initech.api().body(Map.of("name", "deployer",
                "accountRole", "developer", "namespaceAccesses", Map.of(ns, "write")))
                .post("/api/v1/service-accounts");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String clientId = created.jsonPath().getString("serviceAccount.clientId");
        String secret = created.jsonPath().getString("clientSecret");
        String saToken = Tenant.clientCredentialsToken(stack, clientId, secret);
        assertThat(saToken).isNotBlank();
        assertThat(runGreeting(saToken, ns, "Deployer").getWorkflowId()).isNotBlank();
    }

    @Test
    void aDeletedNamespaceIsGoneFromItsCellAndFromTheGateway() {
        Tenant umbrella = Tenant.signUp(stack, "umbrella");
        Map<String, Object> ns = umbrella.createActiveNamespace("shortlived", null);
        String id = (String) ns.get("id");
        String cell = (String) ns.get("cellId");
        String key = (String) umbrella.createApiKey("k", java.time.Instant.now().plus(1, ChronoUnit.DAYS))
                .get("token");
        WorkflowExecution run = runGreeting(key, id, "Before");
        assertThat(describeOnCell(cell, id, run)).isTrue();

        // protected namespaces are refused; unprotected ones go away
        umbrella.api().body(Map.of("deleteProtection", true)).patch("/api/v1/namespaces/" + id).then()
                .statusCode(200);
        umbrella.api().delete("/api/v1/namespaces/" + id).then().statusCode(409)
                .contentType("application/problem+json");
        umbrella.api().body(Map.of("deleteProtection", false)).patch("/api/v1/namespaces/" + id).then()
                .statusCode(200);
        umbrella.api().delete("/api/v1/namespaces/" + id).then().statusCode(202);

        Poll.until("the namespace to be gone from the control plane", Duration.ofSeconds(60),
                () -> umbrella.api().get("/api/v1/namespaces/" + id).statusCode() == 404 ? true : null);
        // the cell deleted it (DescribeNamespace on the cell itself, as an internal caller)
        Poll.until("the namespace to be gone from " + cell, Duration.ofSeconds(60), () -> {
            try {
                internalStub(cell).describeNamespace(io.temporal.api.workflowservice.v1.DescribeNamespaceRequest
                        .newBuilder().setNamespace(id).build());
                return null;
            } catch (StatusRuntimeException e) {
                return e.getStatus().getCode() == Status.Code.NOT_FOUND ? true : null;
            }
        });
        // and the key no longer reaches it through the gateway
        var gateway = Sdk.stubs(stack.gatewayGrpcTarget(), key);
        try {
            assertThatThrownBy(() -> gateway.blockingStub().describeNamespace(
                    io.temporal.api.workflowservice.v1.DescribeNamespaceRequest.newBuilder().setNamespace(id).build()))
                    .isInstanceOf(StatusRuntimeException.class);
        } finally {
            gateway.shutdownNow();
        }
    }

    private WorkflowServiceGrpc.WorkflowServiceBlockingStub internalStub(String cellId) {
        io.grpc.ManagedChannel channel = io.grpc.ManagedChannelBuilder.forTarget(stack.cellGrpcTarget(cellId))
                .usePlaintext().build();
        channels.add(channel);
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("cadenza-internal-token", Metadata.ASCII_STRING_MARSHALLER),
                stack.internalToken());
        return WorkflowServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private final java.util.List<io.grpc.ManagedChannel> channels = new java.util.concurrent.CopyOnWriteArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void closeChannels() {
        channels.forEach(io.grpc.ManagedChannel::shutdownNow);
        channels.clear();
    }

    @Test
    void cellsRefuseCallersWithoutTheInternalToken() {
        io.grpc.ManagedChannel channel = io.grpc.ManagedChannelBuilder.forTarget(stack.cellGrpcTarget("cell-1"))
                .usePlaintext().build();
        try {
            var stub = WorkflowServiceGrpc.newBlockingStub(channel);
            assertThatThrownBy(() -> stub.getSystemInfo(
                    io.temporal.api.workflowservice.v1.GetSystemInfoRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode())
                            .isEqualTo(Status.Code.UNAUTHENTICATED));
        } finally {
            channel.shutdownNow();
        }
    }

    private WorkflowExecution runGreeting(String credential, String namespace, String name) {
        Sdk.Greeted greeted = Sdk.runGreeting(stack.gatewayGrpcTarget(), credential, namespace, name);
        assertThat(greeted.result()).isEqualTo("Hello, " + name + "!");
        return greeted.execution();
    }

    /** Asks a cell directly (as an internal caller) whether it knows the run. */
    private boolean describeOnCell(String cellId, String namespace, WorkflowExecution execution) {
        io.grpc.ManagedChannel channel = io.grpc.ManagedChannelBuilder.forTarget(stack.cellGrpcTarget(cellId))
                .usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("cadenza-internal-token", Metadata.ASCII_STRING_MARSHALLER),
                    stack.internalToken());
            var stub = WorkflowServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
            stub.describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder().setNamespace(namespace)
                    .setExecution(execution).build());
            return true;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return false;
            }
            throw e;
        } finally {
            channel.shutdownNow();
        }
    }
}
