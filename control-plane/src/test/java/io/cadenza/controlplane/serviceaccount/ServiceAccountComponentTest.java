package io.cadenza.controlplane.serviceaccount;

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
class ServiceAccountComponentTest extends ComponentTest {

    private static Map<String, Object> create(String name, String role) {
        return Map.of("name", name, "accountRole", role, "description", "deploys " + name);
    }

    @Test
    void creatingAServiceAccountMakesAKeycloakClientAndShowsItsSecretOnce() {
        Account account = signup();
        String ns = createNamespace(account.ownerToken(), "deploys");
        ExtractableResponse<Response> r = as(account.ownerToken()).body(Map.of("name", "ci-deployer",
                        "accountRole", "developer", "namespaceAccesses", Map.of(ns, "write")))
                .post("/api/v1/service-accounts").then().statusCode(201).extract();
        String id = r.path("serviceAccount.id");
        String secret = r.path("clientSecret");
        String clientId = r.path("serviceAccount.clientId");
        assertThat(clientId).isEqualTo("sa-" + account.id() + "-ci-deployer");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        assertThat(r.<String>path("tokenEndpoint")).endsWith("/realms/cadenza/protocol/openid-connect/token");

        InMemoryKeycloakAdmin.Client client = keycloak.clientByClientId(clientId);
        assertThat(client.secret()).isEqualTo(secret);
        assertThat(keycloak.user(client.serviceAccountUserId()).groupPaths()).contains("/accounts/" + account.id());

        String listed = as(account.ownerToken()).get("/api/v1/service-accounts").then().statusCode(200).extract()
                .asString();
        String got = as(account.ownerToken()).get("/api/v1/service-accounts/" + id).then().statusCode(200)
                .extract().asString();
        assertThat(listed).contains(id).doesNotContain(secret);
        assertThat(got).contains("\"accountRole\":\"developer\"").contains(ns).doesNotContain(secret);
    }

    @Test
    void aServiceAccountActsWithItsRoleThroughItsApiKeys() {
        Account account = signup();
        String id = as(account.ownerToken()).body(create("robot", "read-only")).post("/api/v1/service-accounts")
                .then().statusCode(201).extract().path("serviceAccount.id");
        String token = apiKeyFor(account.ownerToken(), "service-account", id);
        ExtractableResponse<Response> me = as(token).get("/api/v1/me").then().statusCode(200).extract();
        assertThat(me.<String>path("principalType")).isEqualTo("service-account");
        assertThat(me.<String>path("displayName")).isEqualTo("robot");
        assertThat(me.<String>path("accountRole")).isEqualTo("read-only");
        problem(as(token).body(Map.of("name", "anything", "retentionDays", 1)).post("/api/v1/namespaces"), 403,
                "read-only");

        as(account.ownerToken()).body(Map.of("accountRole", "developer", "description", "promoted"))
                .patch("/api/v1/service-accounts/" + id).then().statusCode(200);
        as(token).body(Map.of("name", "robot-ns", "retentionDays", 1)).post("/api/v1/namespaces")
                .then().statusCode(201);
        ExtractableResponse<Response> got = as(account.ownerToken()).get("/api/v1/service-accounts/" + id)
                .then().statusCode(200).extract();
        assertThat(got.<String>path("description")).isEqualTo("promoted");
        assertThat(got.<String>path("accountRole")).isEqualTo("developer");
    }

    @Test
    void createAndUpdateAreValidated() {
        Account account = signup();
        invalid(as(account.ownerToken()).body(create("Bad_Name", "developer")).post("/api/v1/service-accounts"),
                "name", "lowercase");
        invalid(as(account.ownerToken()).body(create("boss", "owner")).post("/api/v1/service-accounts"),
                "accountRole", "cannot be an owner");
        invalid(as(account.ownerToken()).body(Map.of("name", "norole")).post("/api/v1/service-accounts"),
                "accountRole", "is required");
        invalid(as(account.ownerToken()).body(Map.of("name", "long", "accountRole", "developer",
                "description", "x".repeat(401))).post("/api/v1/service-accounts"), "description", "400");
        String id = as(account.ownerToken()).body(create("valid", "developer")).post("/api/v1/service-accounts")
                .then().statusCode(201).extract().path("serviceAccount.id");
        invalid(as(account.ownerToken()).body(Map.of("accountRole", "owner")).patch("/api/v1/service-accounts/" + id),
                "accountRole", "cannot be an owner");
        invalid(as(account.ownerToken()).body(Map.of("namespaceAccesses", Map.of("ghost." + account.id(), "read")))
                .patch("/api/v1/service-accounts/" + id), "namespaceAccesses.ghost." + account.id(), "no such");
    }

    @Test
    void namesAreUniqueInTheAccount() {
        Account account = signup();
        Account other = signup();
        as(account.ownerToken()).body(create("worker", "developer")).post("/api/v1/service-accounts")
                .then().statusCode(201);
        problem(as(account.ownerToken()).body(create("worker", "admin")).post("/api/v1/service-accounts"), 409,
                "already exists");
        // the same name in another account is another client
        as(other.ownerToken()).body(create("worker", "developer")).post("/api/v1/service-accounts")
                .then().statusCode(201);
    }

    @Test
    void onlyOwnersAndAdminsManageServiceAccounts() {
        Account account = signup();
        Member developer = invite(account, "developer");
        Member admin = invite(account, "admin");
        problem(as(developer.token()).body(create("nope", "developer")).post("/api/v1/service-accounts"), 403,
                "cannot manage service accounts");
        String id = as(admin.token()).body(create("by-admin", "developer")).post("/api/v1/service-accounts")
                .then().statusCode(201).extract().path("serviceAccount.id");
        problem(as(developer.token()).body(Map.of("description", "x")).patch("/api/v1/service-accounts/" + id), 403,
                "cannot manage service accounts");
        problem(as(developer.token()).delete("/api/v1/service-accounts/" + id), 403, "cannot manage");
        as(developer.token()).get("/api/v1/service-accounts/" + id).then().statusCode(200);
    }

    @Test
    void deletingAServiceAccountRemovesItsClientAndKeys() {
        Account account = signup();
        ExtractableResponse<Response> r = as(account.ownerToken()).body(create("temp", "developer"))
                .post("/api/v1/service-accounts").then().statusCode(201).extract();
        String id = r.path("serviceAccount.id");
        String clientId = r.path("serviceAccount.clientId");
        String token = apiKeyFor(account.ownerToken(), "service-account", id);
        as(token).get("/api/v1/me").then().statusCode(200);

        as(account.ownerToken()).delete("/api/v1/service-accounts/" + id).then().statusCode(204);

        assertThat(keycloak.clientByClientId(clientId)).isNull();
        problem(as(token).get("/api/v1/me"), 401, "deleted");
        problem(as(account.ownerToken()).get("/api/v1/service-accounts/" + id), 404, "does not exist");
        List<String> keyOwners = as(account.ownerToken()).get("/api/v1/api-keys").then().statusCode(200).extract()
                .path("items.ownerId");
        assertThat(keyOwners).doesNotContain(id);
        // the name can be used again
        as(account.ownerToken()).body(create("temp", "developer")).post("/api/v1/service-accounts")
                .then().statusCode(201);
    }

    @Test
    void anotherAccountsServiceAccountsDoNotExist() {
        Account account = signup();
        Account other = signup();
        String foreign = as(other.ownerToken()).body(create("theirs", "developer")).post("/api/v1/service-accounts")
                .then().statusCode(201).extract().path("serviceAccount.id");
        problem(as(account.ownerToken()).get("/api/v1/service-accounts/" + foreign), 404, "does not exist");
        problem(as(account.ownerToken()).body(Map.of("description", "mine now"))
                .patch("/api/v1/service-accounts/" + foreign), 404, "does not exist");
        problem(as(account.ownerToken()).delete("/api/v1/service-accounts/" + foreign), 404, "does not exist");
        assertThat(as(account.ownerToken()).get("/api/v1/service-accounts").then().statusCode(200).extract()
                .<List<String>>path("items.id")).isEmpty();
        assertThat(keycloak.clientByClientId("sa-" + other.id() + "-theirs")).isNotNull();
    }

    @Test
    void aKeycloakOutageLeavesNoServiceAccountBehind() {
        Account account = signup();
        keycloak.failNext("createServiceAccountClient");
        problem(as(account.ownerToken()).body(create("flaky", "developer")).post("/api/v1/service-accounts"), 503,
                "retry");
        assertThat(as(account.ownerToken()).get("/api/v1/service-accounts").then().statusCode(200).extract()
                .<List<String>>path("items.id")).isEmpty();
        as(account.ownerToken()).body(create("flaky", "developer")).post("/api/v1/service-accounts")
                .then().statusCode(201);
    }
}
