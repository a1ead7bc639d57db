package io.cadenza.controlplane.account;

import io.cadenza.controlplane.testing.ComponentTest;
import io.cadenza.controlplane.testing.ControlPlaneTestResources;
import io.cadenza.controlplane.testing.InMemoryKeycloakAdmin;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(ControlPlaneTestResources.class)
class SignupComponentTest extends ComponentTest {

    @Test
    void signupCreatesTheAccountAndItsOwnerInKeycloak() {
        String name = unique("Globex ");
        ExtractableResponse<Response> r = anonymous()
                .body(Map.of("accountName", name, "adminEmail", "Boss." + name.substring(7) + "@Example.COM",
                        "adminPassword", PASSWORD))
                .post("/api/v1/signup").then().statusCode(201).extract();
        String accountId = r.path("accountId");
        String email = r.path("ownerEmail");
        assertThat(accountId).matches("[a-z][a-z0-9]{4}");
        assertThat(r.<String>path("accountName")).isEqualTo(name);
        assertThat(email).isEqualTo("boss." + name.substring(7).toLowerCase() + "@example.com");
        assertThat(r.<String>path("login")).contains(email).contains("cadenza-cli");

        InMemoryKeycloakAdmin.User user = keycloak.userByEmail(email);
        assertThat(user).isNotNull();
        assertThat(user.groupPaths()).containsExactly("/accounts/" + accountId);
    }

    @Test
    void theOwnerSeesTheAccountAndThemselves() {
        Account account = signup();
        as(account.ownerToken()).get("/api/v1/account").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.equalTo(account.id()))
                .body("name", org.hamcrest.Matchers.equalTo(account.name()));
        ExtractableResponse<Response> me = as(account.ownerToken()).get("/api/v1/me").then().statusCode(200).extract();
        assertThat(me.<String>path("principalType")).isEqualTo("user");
        assertThat(me.<String>path("principalId")).isEqualTo(account.ownerId());
        assertThat(me.<String>path("accountRole")).isEqualTo("owner");
        assertThat(me.<String>path("displayName")).isEqualTo(account.ownerEmail());
        assertThat(me.<String>path("apiKeyId")).isNotBlank();
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        ExtractableResponse<Response> r = problem(anonymous().body(Map.of("accountName", "x", "adminEmail", "nope",
                "adminPassword", "short")).post("/api/v1/signup"), 400, "");
        List<String> fields = r.path("errors.field");
        assertThat(fields).containsExactlyInAnyOrder("accountName", "adminEmail", "adminPassword");
        assertThat(r.<String>path("errors.find { it.field == 'adminPassword' }.message")).contains("12");
    }

    @Test
    void thePasswordMayNotBeTheEmail() {
        String email = unique("same-") + "@example.com";
        invalid(anonymous().body(Map.of("accountName", unique("Same "), "adminEmail", email, "adminPassword", email))
                .post("/api/v1/signup"), "adminPassword", "");
    }

    @Test
    void aMissingBodyOrAnUnknownFieldIsABadRequest() {
        problem(anonymous().post("/api/v1/signup"), 400, "accountName");
        problem(anonymous().body(Map.of("accountName", unique("Acme "), "adminEmail", unique("u") + "@example.com",
                "adminPassword", PASSWORD, "plan", "gold")).post("/api/v1/signup"), 400, "plan");
        problem(anonymous().body("{\"accountName\": ").post("/api/v1/signup"), 400, "");
    }

    @Test
    void accountNamesAndEmailsAreUnique() {
        Account first = signup();
        problem(anonymous().body(Map.of("accountName", first.name().toUpperCase(), "adminEmail",
                unique("other-") + "@example.com", "adminPassword", PASSWORD)).post("/api/v1/signup"), 409,
                "already exists");
        String otherName = unique("Initech ");
        problem(anonymous().body(Map.of("accountName", otherName, "adminEmail", first.ownerEmail().toUpperCase(),
                "adminPassword", PASSWORD)).post("/api/v1/signup"), 409, "already exists");
        // the refused sign-up left nothing behind: the name is still free
        anonymous().body(Map.of("accountName", otherName, "adminEmail", unique("fresh-") + "@example.com",
                "adminPassword", PASSWORD)).post("/api/v1/signup").then().statusCode(201);
    }

    @Test
    void aKeycloakOutageFailsTheSignupAndUndoesTheGroup() {
        String name = unique("Outage ");
        String email = unique("outage-") + "@example.com";
        keycloak.failNext("createUser");
        problem(anonymous().body(Map.of("accountName", name, "adminEmail", email, "adminPassword", PASSWORD))
                .post("/api/v1/signup"), 503, "retry");
        assertThat(keycloak.userByEmail(email)).isNull();
        String accountId = anonymous().body(Map.of("accountName", name, "adminEmail", email,
                "adminPassword", PASSWORD)).post("/api/v1/signup").then().statusCode(201).extract().path("accountId");
        assertThat(keycloak.groupExists("/accounts/" + accountId)).isTrue();
    }

    @Test
    void callersMustAuthenticate() {
        problem(anonymous().get("/api/v1/account"), 401, "Authorization: Bearer");
        problem(as("cdz_" + "A".repeat(43)).get("/api/v1/account"), 401, "Unknown API key");
        problem(as("cdz_short").get("/api/v1/me"), 401, "not a Cadenza API key");
    }

    @Test
    void unknownRoutesAreProblemJson() {
        Account account = signup();
        problem(as(account.ownerToken()).get("/api/v1/nothing-here"), 404, "");
    }
}
