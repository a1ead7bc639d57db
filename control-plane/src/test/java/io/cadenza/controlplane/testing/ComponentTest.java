package io.cadenza.controlplane.testing;

import io.cadenza.controlplane.apikey.ApiKeyService;
import io.cadenza.controlplane.apikey.ApiKeyTokens;
import io.cadenza.controlplane.auth.PrincipalType;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the control plane's {@code @QuarkusTest} component tests: REST Assured against the running service, real
 * PostgreSQL ({@link ControlPlaneTestResources}), Keycloak's admin API in memory ({@link InMemoryKeycloakAdmin}).
 * Every test signs up its own accounts, so tests share the database without seeing each other's data.
 */
public abstract class ComponentTest {
    public static final String PASSWORD = "correct-horse-battery-staple";
    private static final AtomicInteger SEQ = new AtomicInteger();

    @Inject
    protected InMemoryKeycloakAdmin keycloak;
    @Inject
    ApiKeyService apiKeyService;

    /** A signed-up account and an API key of its owner. */
    public record Account(String id, String name, String ownerId, String ownerEmail, String ownerToken) {
    }

    /** A member of an account (user or service account) and an API key of theirs. */
    public record Member(String id, String token) {
    }

    protected static String unique(String prefix) {
        return prefix + SEQ.incrementAndGet() + UUID.randomUUID().toString().substring(0, 6);
    }

    protected static RequestSpecification anonymous() {
        return RestAssured.given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    protected static RequestSpecification as(String token) {
        return anonymous().header("Authorization", "Bearer " + token);
    }

    /** Signs up a new account through the API; its owner's first API key is made the way the dev bootstrap does. */
    protected Account signup() {
        String name = unique("Acme ");
        String email = unique("owner-").toLowerCase(Locale.ROOT) + "@example.com";
        ExtractableResponse<Response> r = anonymous()
                .body(Map.of("accountName", name, "adminEmail", email, "adminPassword", PASSWORD))
                .post("/api/v1/signup").then().statusCode(201).extract();
        String accountId = r.path("accountId");
        String ownerId = r.path("ownerUserId");
        String token = ApiKeyTokens.generate();
        apiKeyService.createForBootstrap(accountId, PrincipalType.USER, ownerId, "test owner key", token,
                Instant.now().plus(1, ChronoUnit.DAYS));
        return new Account(accountId, name, ownerId, email, token);
    }

    /** An API key for {@code ownerType/ownerId}, created through the API by {@code token} (an owner or admin). */
    protected static String apiKeyFor(String token, String ownerType, String ownerId) {
        return as(token).body(Map.of("displayName", "key of " + ownerId, "expiryTime", inDays(30).toString(),
                        "ownerType", ownerType, "ownerId", ownerId))
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("token");
    }

    /** Invites a user with {@code role} and grants, and gives them an API key. */
    protected static Member invite(Account account, String role, Map<String, String> accesses) {
        String email = unique("user-") + "@example.com";
        String id = as(account.ownerToken()).body(Map.of("email", email, "accountRole", role,
                        "namespaceAccesses", accesses))
                .post("/api/v1/users").then().statusCode(201).extract().path("user.id");
        return new Member(id, apiKeyFor(account.ownerToken(), "user", id));
    }

    protected static Member invite(Account account, String role) {
        return invite(account, role, Map.of());
    }

    /** Creates a namespace (1 day retention) and returns its id. */
    protected static String createNamespace(String token, String name) {
        return as(token).body(Map.of("name", name, "retentionDays", 1))
                .post("/api/v1/namespaces").then().statusCode(201).extract().path("id");
    }

    protected static Instant inDays(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    }

    /** Asserts an RFC 9457 problem answer and returns it for further checks. */
    protected static ExtractableResponse<Response> problem(Response response, int status, String detailContains) {
        ExtractableResponse<Response> r = response.then().statusCode(status).extract();
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.<Integer>path("status")).isEqualTo(status);
        assertThat(r.<String>path("title")).isNotBlank();
        assertThat(r.<String>path("detail")).contains(detailContains);
        return r;
    }

    /** Asserts a 400 problem naming {@code field} with a message containing {@code messageContains}. */
    protected static void invalid(Response response, String field, String messageContains) {
        ExtractableResponse<Response> r = problem(response, 400, "");
        List<Map<String, String>> errors = r.path("errors");
        assertThat(errors).as("field errors of %s", r.asString())
                .anySatisfy(e -> {
                    assertThat(e.get("field")).isEqualTo(field);
                    assertThat(e.get("message")).contains(messageContains);
                });
    }
}
