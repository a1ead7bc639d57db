package io.cadenza.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.devstack.CadenzaTopology;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Everything a caller can get wrong, or try on purpose, at the gateway: each is denied with the right gRPC status and
 * a message, never with another tenant's data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayAdversarialIT {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> NAMESPACE_HEADER =
            Metadata.Key.of("temporal-namespace", Metadata.ASCII_STRING_MARSHALLER);

    private final CadenzaTopology stack = SystemStack.get();
    private Tenant alice;
    private Tenant bob;
    private String aliceNs;
    private String bobNs;
    private String aliceKey;
    private ManagedChannel channel;

    @BeforeAll
    void twoAccounts() {
        alice = Tenant.signUp(stack, "alice");
        bob = Tenant.signUp(stack, "bob");
        aliceNs = (String) alice.createActiveNamespace("payments", null).get("id");
        bobNs = (String) bob.createActiveNamespace("payments", null).get("id");
        aliceKey = (String) alice.createApiKey("alice ci", Instant.now().plus(7, ChronoUnit.DAYS)).get("token");
        channel = ManagedChannelBuilder.forTarget(stack.gatewayGrpcTarget()).usePlaintext().build();
    }

    @AfterAll
    void closeChannel() {
        if (channel != null) {
            channel.shutdownNow();
        }
    }

    private WorkflowServiceGrpc.WorkflowServiceBlockingStub stub(String bearer, String namespaceHeader) {
        Metadata headers = new Metadata();
        if (bearer != null) {
            headers.put(AUTHORIZATION, "Bearer " + bearer);
        }
        if (namespaceHeader != null) {
            headers.put(NAMESPACE_HEADER, namespaceHeader);
        }
        return WorkflowServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static void assertDenied(Runnable call, Status.Code code, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).containsIgnoringCase(messagePart);
        });
    }

    private DescribeNamespaceRequest describe(String namespace) {
        return DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build();
    }

    private StartWorkflowExecutionRequest start(String namespace) {
        return StartWorkflowExecutionRequest.newBuilder().setNamespace(namespace)
                .setWorkflowId("wf-" + UUID.randomUUID()).setRequestId(UUID.randomUUID().toString())
                .setWorkflowType(WorkflowType.newBuilder().setName("Nothing"))
                .setTaskQueue(TaskQueue.newBuilder().setName("nobody-polls")).build();
    }

    @Test
    void aValidKeyWorksOnItsOwnNamespace() {
        assertThat(stub(aliceKey, aliceNs).describeNamespace(describe(aliceNs)).getNamespaceInfo().getName())
                .isEqualTo(aliceNs);
    }

    @Test
    void missingAuthorizationIsUnauthenticated() {
        assertDenied(() -> stub(null, aliceNs).describeNamespace(describe(aliceNs)), Status.Code.UNAUTHENTICATED,
                "authorization");
    }

    @Test
    void aWrongKeyIsUnauthenticated() {
        assertDenied(() -> stub("cdz_" + "x".repeat(43), aliceNs).describeNamespace(describe(aliceNs)),
                Status.Code.UNAUTHENTICATED, "");
        assertDenied(() -> stub("not-a-token-at-all", aliceNs).describeNamespace(describe(aliceNs)),
                Status.Code.UNAUTHENTICATED, "");
    }

    @Test
    void aKeyOfOneAccountCannotUseAnotherAccountsNamespace() {
        assertDenied(() -> stub(aliceKey, bobNs).describeNamespace(describe(bobNs)), Status.Code.PERMISSION_DENIED,
                bobNs);
        assertDenied(() -> stub(aliceKey, bobNs).startWorkflowExecution(start(bobNs)),
                Status.Code.PERMISSION_DENIED, bobNs);
        // The message is the same for a namespace that does not exist: nothing leaks.
        String ghost = "ghost." + bob.accountId;
        assertDenied(() -> stub(aliceKey, ghost).describeNamespace(describe(ghost)), Status.Code.PERMISSION_DENIED,
                ghost);
    }

    @Test
    void theNamespaceHeaderMustMatchTheRequest() {
        assertDenied(() -> stub(aliceKey, bobNs).describeNamespace(describe(aliceNs)),
                Status.Code.PERMISSION_DENIED, "temporal-namespace");
    }

    @Test
    void anExpiredKeyStopsWorking() {
        String shortLived = (String) alice.createApiKey("short", Instant.now().plusSeconds(3)).get("token");
        Poll.until("the key to expire", Duration.ofSeconds(20), () -> {
            try {
                stub(shortLived, aliceNs).describeNamespace(describe(aliceNs));
                return null;
            } catch (StatusRuntimeException e) {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                assertThat(e.getStatus().getDescription()).containsIgnoringCase("expired");
                return e;
            }
        });
    }

    @Test
    void aDisabledKeyStopsWorkingWithinTenSecondsAndWorksAgainWhenEnabled() {
        Map<String, Object> key = alice.createApiKey("to disable", Instant.now().plus(1, ChronoUnit.DAYS));
        String token = (String) key.get("token");
        assertThat(stub(token, aliceNs).describeNamespace(describe(aliceNs))).isNotNull();

        alice.api().body(Map.of("disabled", true)).patch("/api/v1/api-keys/" + key.get("id")).then()
                .statusCode(200);
        Instant disabledAt = Instant.now();
        StatusRuntimeException denied = Poll.until("the disabled key to be refused", Duration.ofSeconds(15), () -> {
            try {
                stub(token, aliceNs).describeNamespace(describe(aliceNs));
                return null;
            } catch (StatusRuntimeException e) {
                return e;
            }
        });
        assertThat(Duration.between(disabledAt, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(denied.getStatus().getDescription()).containsIgnoringCase("disabled");

        alice.api().body(Map.of("disabled", false)).patch("/api/v1/api-keys/" + key.get("id")).then()
                .statusCode(200);
        Poll.until("the enabled key to work again", Duration.ofSeconds(15),
                () -> stub(token, aliceNs).describeNamespace(describe(aliceNs)));
    }

    @Test
    void aDeletedKeyStopsWorkingWithinTenSeconds() {
        Map<String, Object> key = alice.createApiKey("to delete", Instant.now().plus(1, ChronoUnit.DAYS));
        String token = (String) key.get("token");
        assertThat(stub(token, aliceNs).describeNamespace(describe(aliceNs))).isNotNull();
        alice.api().delete("/api/v1/api-keys/" + key.get("id")).then().statusCode(204);
        Instant deletedAt = Instant.now();
        StatusRuntimeException denied = Poll.until("the deleted key to be refused", Duration.ofSeconds(15), () -> {
            try {
                stub(token, aliceNs).describeNamespace(describe(aliceNs));
                return null;
            } catch (StatusRuntimeException e) {
                return e;
            }
        });
        assertThat(Duration.between(deletedAt, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void aReadOnlyUserCanReadButNotWrite() {
        String email = "reader@" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        var invited = alice.api().body(Map.of("email", email, "accountRole", "read-only"))
                .post("/api/v1/users");
        assertThat(invited.statusCode()).as(invited.asString()).isBetween(200, 201);
        String password = invited.jsonPath().getString("temporaryPassword");
        String readerToken = Tenant.passwordToken(stack, email, password);

        assertThat(stub(readerToken, aliceNs).listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace(aliceNs).build())).isNotNull();
        assertDenied(() -> stub(readerToken, aliceNs).startWorkflowExecution(start(aliceNs)),
                Status.Code.PERMISSION_DENIED, "");
    }

    @Test
    void aJwtOfAnotherRealmIsUnauthenticated() {
        String masterToken = RestAssured.given().baseUri(stack.keycloakUrl()).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post("/realms/master/protocol/openid-connect/token").jsonPath().getString("access_token");
        assertThat(masterToken).isNotBlank();
        assertDenied(() -> stub(masterToken, aliceNs).describeNamespace(describe(aliceNs)),
                Status.Code.UNAUTHENTICATED, "");
    }

    @Test
    void anExpiredOrForgedJwtIsUnauthenticated() {
        // A real token of realm cadenza with its payload rewritten to have expired: the signature no longer matches,
        // and even if it did the expiry would be checked.
        String real = alice.token();
        String[] parts = real.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceAll("\"exp\":\\d+", "\"exp\":" + (Instant.now().getEpochSecond() - 3600));
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertDenied(() -> stub(forged, aliceNs).describeNamespace(describe(aliceNs)),
                Status.Code.UNAUTHENTICATED, "");
    }

    @Test
    void controlPlaneResourcesOfAnotherAccountAre404() {
        bob.api().get("/api/v1/namespaces/" + aliceNs).then().statusCode(404)
                .contentType("application/problem+json");
        var keys = alice.api().get("/api/v1/api-keys");
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.asString()).doesNotContain("\"token\"");
        String aliceKeyId = keys.jsonPath().getString("apiKeys[0].id");
        if (aliceKeyId != null) {
            bob.api().get("/api/v1/api-keys/" + aliceKeyId).then().statusCode(404);
            bob.api().delete("/api/v1/api-keys/" + aliceKeyId).then().statusCode(404);
        }
        bob.api().delete("/api/v1/namespaces/" + aliceNs).then().statusCode(404);
    }
}
