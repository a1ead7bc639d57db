package io.cadenza.controlplane.user;

import io.cadenza.controlplane.testing.ComponentTest;
import io.cadenza.controlplane.testing.ControlPlaneTestResources;
import io.cadenza.controlplane.testing.InMemoryKeycloakAdmin;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(ControlPlaneTestResources.class)
class UserComponentTest extends ComponentTest {

    @Test
    void anInvitedUserGetsAKeycloakLoginAndTheirGrants() {
        Account account = signup();
        String ns = createNamespace(account.ownerToken(), "orders");
        String email = unique("Dev-") + "@Example.com";
        ExtractableResponse<Response> r = as(account.ownerToken()).body(Map.of("email", email,
                        "accountRole", "developer", "namespaceAccesses", Map.of(ns, "write"),
                        "groups", List.of("managers")))
                .post("/api/v1/users").then().statusCode(201).extract();
        String id = r.path("user.id");
        String password = r.path("temporaryPassword");
        assertThat(password).hasSizeGreaterThanOrEqualTo(12);
        assertThat(r.<String>path("user.email")).isEqualTo(email.toLowerCase());
        assertThat(r.<Map<String, String>>path("user.namespaceAccesses")).containsExactly(Map.entry(ns, "write"));
        assertThat(r.<List<String>>path("user.groups")).containsExactly("managers");

        InMemoryKeycloakAdmin.User kc = keycloak.userByEmail(email.toLowerCase());
        assertThat(kc.groupPaths()).contains("/accounts/" + account.id());
        assertThat(keycloak.businessGroups(kc.id(), account.id())).containsExactly("managers");

        ExtractableResponse<Response> got = as(account.ownerToken()).get("/api/v1/users/" + id)
                .then().statusCode(200).extract();
        assertThat(got.<String>path("accountRole")).isEqualTo("developer");
        assertThat(got.<Map<String, String>>path("namespaceAccesses")).containsExactly(Map.entry(ns, "write"));
        assertThat(got.asString()).doesNotContain(password);

        String token = apiKeyFor(account.ownerToken(), "user", id);
        ExtractableResponse<Response> me = as(token).get("/api/v1/me").then().statusCode(200).extract();
        assertThat(me.<String>path("accountRole")).isEqualTo("developer");
        assertThat(me.<Map<String, String>>path("namespaces")).containsExactly(Map.entry(ns, "write"));
    }

    @Test
    void aGivenPasswordIsNotEchoed() {
        Account account = signup();
        ExtractableResponse<Response> r = as(account.ownerToken()).body(Map.of("email", unique("p-") + "@example.com",
                "accountRole", "read-only", "password", "a-long-enough-password")).post("/api/v1/users")
                .then().statusCode(201).extract();
        assertThat(r.<String>path("temporaryPassword")).isNull();
        assertThat(r.asString()).doesNotContain("a-long-enough-password");
    }

    @Test
    void invitationsAreValidated() {
        Account account = signup();
        invalid(as(account.ownerToken()).body(Map.of("email", "not-an-email", "accountRole", "developer"))
                .post("/api/v1/users"), "email", "email address");
        invalid(as(account.ownerToken()).body(Map.of("email", unique("x") + "@example.com"))
                .post("/api/v1/users"), "accountRole", "is required");
        invalid(as(account.ownerToken()).body(Map.of("email", unique("x") + "@example.com", "accountRole",
                "developer", "namespaceAccesses", Map.of("nope." + account.id(), "read"))).post("/api/v1/users"),
                "namespaceAccesses.nope." + account.id(), "no such namespace");
        invalid(as(account.ownerToken()).body(Map.of("email", unique("x") + "@example.com", "accountRole",
                "developer", "password", "short")).post("/api/v1/users"), "password", "12");
        problem(as(account.ownerToken()).body(Map.of("email", unique("x") + "@example.com", "accountRole",
                "emperor")).post("/api/v1/users"), 400, "");
        problem(as(account.ownerToken()).post("/api/v1/users"), 400, "email");
    }

    @Test
    void anEmailBelongsToOneAccount() {
        Account account = signup();
        Account other = signup();
        problem(as(account.ownerToken()).body(Map.of("email", other.ownerEmail(), "accountRole", "developer"))
                .post("/api/v1/users"), 409, "already exists");
        problem(as(account.ownerToken()).body(Map.of("email", account.ownerEmail().toUpperCase(),
                "accountRole", "developer")).post("/api/v1/users"), 409, "already exists");
    }

    @Test
    void onlyOwnersAndAdminsManageUsersAndOnlyOwnersGrantOwner() {
        Account account = signup();
        Member developer = invite(account, "developer");
        Member admin = invite(account, "admin");
        problem(as(developer.token()).body(Map.of("email", unique("x") + "@example.com", "accountRole", "developer"))
                .post("/api/v1/users"), 403, "cannot manage users");
        problem(as(admin.token()).body(Map.of("email", unique("x") + "@example.com", "accountRole", "owner"))
                .post("/api/v1/users"), 403, "owner");
        problem(as(admin.token()).body(Map.of("accountRole", "owner")).patch("/api/v1/users/" + developer.id()),
                403, "owner");
        problem(as(admin.token()).delete("/api/v1/users/" + account.ownerId()), 403, "owner");
        problem(as(developer.token()).body(Map.of("accountRole", "admin")).patch("/api/v1/users/" + developer.id()),
                403, "cannot manage users");
        // every role may read
        as(developer.token()).get("/api/v1/users/" + admin.id()).then().statusCode(200);
        // an admin invites and promotes non-owners
        String invited = as(admin.token()).body(Map.of("email", unique("x") + "@example.com", "accountRole",
                "read-only")).post("/api/v1/users").then().statusCode(201).extract().path("user.id");
        as(admin.token()).body(Map.of("accountRole", "developer")).patch("/api/v1/users/" + invited)
                .then().statusCode(200);
    }

    @Test
    void changingRoleAccessesAndGroups() {
        Account account = signup();
        String ns = createNamespace(account.ownerToken(), "billing");
        Member user = invite(account, "read-only", Map.of(ns, "read"));
        ExtractableResponse<Response> r = as(account.ownerToken()).body(Map.of("accountRole", "developer",
                        "namespaceAccesses", Map.of(ns, "admin"), "groups", List.of("finance", "managers")))
                .patch("/api/v1/users/" + user.id()).then().statusCode(200).extract();
        assertThat(r.<String>path("accountRole")).isEqualTo("developer");
        assertThat(r.<Map<String, String>>path("namespaceAccesses")).containsExactly(Map.entry(ns, "admin"));
        assertThat(r.<List<String>>path("groups")).containsExactlyInAnyOrder("finance", "managers");
        String email = r.path("email");
        assertThat(keycloak.businessGroups(keycloak.userByEmail(email).id(), account.id()))
                .containsExactly("finance", "managers");
        // the new role is in force on the user's next request
        assertThat(as(user.token()).get("/api/v1/me").then().statusCode(200).extract().<String>path("accountRole"))
                .isEqualTo("developer");
        // absent fields are left alone; an empty map removes every grant
        r = as(account.ownerToken()).body(Map.of("namespaceAccesses", Map.of()))
                .patch("/api/v1/users/" + user.id()).then().statusCode(200).extract();
        assertThat(r.<String>path("accountRole")).isEqualTo("developer");
        assertThat(r.<Map<String, String>>path("namespaceAccesses")).isEmpty();
        assertThat(r.<List<String>>path("groups")).containsExactlyInAnyOrder("finance", "managers");
    }

    @Test
    void theLastOwnerStays() {
        Account account = signup();
        problem(as(account.ownerToken()).body(Map.of("accountRole", "admin"))
                .patch("/api/v1/users/" + account.ownerId()), 409, "last owner");
        problem(as(account.ownerToken()).delete("/api/v1/users/" + account.ownerId()), 409, "last owner");
        Member second = invite(account, "owner");
        as(second.token()).body(Map.of("accountRole", "admin")).patch("/api/v1/users/" + account.ownerId())
                .then().statusCode(200);
        problem(as(second.token()).delete("/api/v1/users/" + second.id()), 409, "last owner");
    }

    @Test
    void removingAUserRemovesTheirLoginAndKeys() {
        Account account = signup();
        Member user = invite(account, "developer");
        String email = as(account.ownerToken()).get("/api/v1/users/" + user.id()).then().extract().path("email");
        as(user.token()).get("/api/v1/me").then().statusCode(200);

        as(account.ownerToken()).delete("/api/v1/users/" + user.id()).then().statusCode(204);

        assertThat(keycloak.userByEmail(email)).isNull();
        problem(as(user.token()).get("/api/v1/me"), 401, "deleted");
        problem(as(account.ownerToken()).get("/api/v1/users/" + user.id()), 404, user.id());
        problem(as(account.ownerToken()).delete("/api/v1/users/" + user.id()), 404, user.id());
        // the email is free again
        as(account.ownerToken()).body(Map.of("email", email, "accountRole", "developer")).post("/api/v1/users")
                .then().statusCode(201);
    }

    @Test
    void anotherAccountsUsersDoNotExist() {
        Account account = signup();
        Account other = signup();
        Member stranger = invite(other, "developer");
        problem(as(account.ownerToken()).get("/api/v1/users/" + stranger.id()), 404, "does not exist");
        problem(as(account.ownerToken()).body(Map.of("accountRole", "admin"))
                .patch("/api/v1/users/" + stranger.id()), 404, "does not exist");
        problem(as(account.ownerToken()).delete("/api/v1/users/" + stranger.id()), 404, "does not exist");
        problem(as(account.ownerToken()).get("/api/v1/users/no-such-user"), 404, "does not exist");
        List<String> ids = as(account.ownerToken()).get("/api/v1/users").then().statusCode(200).extract()
                .path("items.id");
        assertThat(ids).containsExactly(account.ownerId());
        as(other.ownerToken()).get("/api/v1/users/" + stranger.id()).then().statusCode(200);
    }

    @Test
    void listsPageByIdWithTokensBoundToTheList() {
        Account account = signup();
        List<String> expected = new ArrayList<>(List.of(account.ownerId()));
        for (int i = 0; i < 3; i++) {
            expected.add(invite(account, "read-only").id());
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var request = as(account.ownerToken()).queryParam("pageSize", 2);
            if (token != null) {
                request = request.queryParam("pageToken", token);
            }
            ExtractableResponse<Response> page = request.get("/api/v1/users").then().statusCode(200).extract();
            List<String> ids = page.path("items.id");
            assertThat(ids).hasSizeLessThanOrEqualTo(2);
            seen.addAll(ids);
            token = page.path("nextPageToken");
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(2);
        assertThat(seen).isSorted().containsExactlyInAnyOrderElementsOf(expected);

        String usersToken = as(account.ownerToken()).queryParam("pageSize", 1).get("/api/v1/users")
                .then().extract().path("nextPageToken");
        invalid(as(account.ownerToken()).queryParam("pageToken", usersToken).get("/api/v1/service-accounts"),
                "pageToken", "not a page token of this list");
        invalid(as(account.ownerToken()).queryParam("pageToken", "garbage!").get("/api/v1/users"),
                "pageToken", "not a page token of this list");
        invalid(as(account.ownerToken()).queryParam("pageSize", 0).get("/api/v1/users"), "pageSize", "between 1");
        invalid(as(account.ownerToken()).queryParam("pageSize", 1001).get("/api/v1/users"), "pageSize", "between 1");
    }
}
