package io.cadenza.controlplane.apikey;

import io.cadenza.controlplane.testing.ComponentTest;
import io.cadenza.controlplane.testing.ControlPlaneTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(ControlPlaneTestResources.class)
class ApiKeyComponentTest extends ComponentTest {

    private static Map<String, Object> key(String name) {
        return Map.of("displayName", name, "expiryTime", inDays(10).toString());
    }

    /** Every column of the key's row, as text. */
    private static List<String> storedRow(String id) throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement s = c.prepareStatement("SELECT * FROM api_keys WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("row of key %s", id).isTrue();
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getString(i));
                }
                values.add("token_hash=" + rs.getString("token_hash"));
                return values;
            }
        }
    }

    @Test
    void theTokenIsShownOnceAndStoredOnlyAsItsHash() throws SQLException {
        Account account = signup();
        ExtractableResponse<Response> r = as(account.ownerToken()).body(key("laptop")).post("/api/v1/api-keys")
                .then().statusCode(201).extract();
        String id = r.path("id");
        String token = r.path("token");
        assertThat(token).startsWith("cdz_").hasSize(47);
        assertThat(r.<String>path("apiKey.ownerType")).isEqualTo("user");
        assertThat(r.<String>path("apiKey.ownerId")).isEqualTo(account.ownerId());
        assertThat(r.<String>path("apiKey.tokenPrefix")).isEqualTo(token.substring(4, 12));
        assertThat(r.<Boolean>path("apiKey.disabled")).isFalse();
        assertThat(r.<String>path("apiKey.createdBy")).isEqualTo("user:" + account.ownerId());

        List<String> row = storedRow(id);
        assertThat(row).contains("token_hash=" + ApiKeyTokens.hash(token)).doesNotContain(token);
        assertThat(String.join("|", row)).doesNotContain(token.substring(12));

        String listed = as(account.ownerToken()).get("/api/v1/api-keys").then().statusCode(200).extract().asString();
        String got = as(account.ownerToken()).get("/api/v1/api-keys/" + id).then().statusCode(200).extract()
                .asString();
        assertThat(listed).contains(id).doesNotContain(token.substring(12)).doesNotContain("\"token\"");
        assertThat(got).contains("laptop").doesNotContain(token.substring(12)).doesNotContain("\"token\"");
        // and it works
        assertThat(as(token).get("/api/v1/me").then().statusCode(200).extract().<String>path("apiKeyId"))
                .isEqualTo(id);
    }

    @Test
    void disablingStopsAKeyAndEnablingRestoresIt() {
        Account account = signup();
        ExtractableResponse<Response> r = as(account.ownerToken()).body(key("ci")).post("/api/v1/api-keys")
                .then().statusCode(201).extract();
        String id = r.path("id");
        String token = r.path("token");
        ExtractableResponse<Response> patched = as(account.ownerToken())
                .body(Map.of("disabled", true, "displayName", "ci (paused)"))
                .patch("/api/v1/api-keys/" + id).then().statusCode(200).extract();
        assertThat(patched.<Boolean>path("disabled")).isTrue();
        assertThat(patched.<String>path("displayName")).isEqualTo("ci (paused)");
        problem(as(token).get("/api/v1/me"), 401, "disabled");
        as(account.ownerToken()).body(Map.of("disabled", false)).patch("/api/v1/api-keys/" + id)
                .then().statusCode(200);
        as(token).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void aDeletedKeyIsGoneForGood() {
        Account account = signup();
        ExtractableResponse<Response> r = as(account.ownerToken()).body(key("old")).post("/api/v1/api-keys")
                .then().statusCode(201).extract();
        String id = r.path("id");
        as(account.ownerToken()).delete("/api/v1/api-keys/" + id).then().statusCode(204);
        problem(as((String) r.path("token")).get("/api/v1/me"), 401, "deleted");
        problem(as(account.ownerToken()).get("/api/v1/api-keys/" + id), 404, "does not exist");
        problem(as(account.ownerToken()).body(Map.of("disabled", false)).patch("/api/v1/api-keys/" + id), 404,
                "does not exist");
        problem(as(account.ownerToken()).delete("/api/v1/api-keys/" + id), 404, "does not exist");
        assertThat(as(account.ownerToken()).get("/api/v1/api-keys").then().extract().<List<String>>path("items.id"))
                .doesNotContain(id);
    }

    @Test
    void createIsValidated() {
        Account account = signup();
        invalid(as(account.ownerToken()).body(Map.of("expiryTime", inDays(1).toString())).post("/api/v1/api-keys"),
                "displayName", "is required");
        invalid(as(account.ownerToken()).body(Map.of("displayName", "x")).post("/api/v1/api-keys"),
                "expiryTime", "is required");
        invalid(as(account.ownerToken()).body(Map.of("displayName", "x", "expiryTime",
                Instant.now().minusSeconds(60).toString())).post("/api/v1/api-keys"), "expiryTime", "future");
        invalid(as(account.ownerToken()).body(Map.of("displayName", "x", "expiryTime", inDays(800).toString()))
                .post("/api/v1/api-keys"), "expiryTime", "2 years");
        invalid(as(account.ownerToken()).body(Map.of("displayName", "x", "expiryTime", inDays(1).toString(),
                "ownerType", "robot", "ownerId", "x")).post("/api/v1/api-keys"), "ownerType", "user or service-account");
        invalid(as(account.ownerToken()).body(Map.of("displayName", "x", "expiryTime", inDays(1).toString(),
                "ownerType", "user")).post("/api/v1/api-keys"), "ownerId", "is required");
        problem(as(account.ownerToken()).body(Map.of("displayName", "x", "expiryTime", "tomorrow"))
                .post("/api/v1/api-keys"), 400, "");
    }

    @Test
    void aUserHasAtMostTenKeys() {
        Account account = signup();
        Member user = invite(account, "developer"); // apiKeyFor made the first one
        for (int i = 2; i <= 10; i++) {
            as(user.token()).body(key("k" + i)).post("/api/v1/api-keys").then().statusCode(201);
        }
        problem(as(user.token()).body(key("k11")).post("/api/v1/api-keys"), 409, "at most 10");
    }

    @Test
    void membersManageTheirOwnKeysOnly() {
        Account account = signup();
        Member developer = invite(account, "developer");
        Member other = invite(account, "read-only");
        String ownerKey = as(account.ownerToken()).body(key("owner's")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("id");
        problem(as(developer.token()).body(Map.of("displayName", "x", "expiryTime", inDays(1).toString(),
                        "ownerType", "user", "ownerId", other.id())).post("/api/v1/api-keys"), 403,
                "only create API keys for yourself");
        problem(as(developer.token()).get("/api/v1/api-keys/" + ownerKey), 403, "your own API keys");
        problem(as(developer.token()).body(Map.of("disabled", true)).patch("/api/v1/api-keys/" + ownerKey), 403,
                "your own API keys");
        problem(as(developer.token()).delete("/api/v1/api-keys/" + ownerKey), 403, "your own API keys");
        // a member's list holds only their own keys, whatever filter they ask for
        List<String> owners = as(developer.token()).queryParam("ownerId", account.ownerId()).get("/api/v1/api-keys")
                .then().statusCode(200).extract().path("items.ownerId");
        assertThat(owners).isNotEmpty().containsOnly(developer.id());
        // owners see every key and may filter by owner
        List<String> all = as(account.ownerToken()).get("/api/v1/api-keys").then().statusCode(200).extract()
                .path("items.ownerId");
        assertThat(all).contains(account.ownerId(), developer.id(), other.id());
        List<String> filtered = as(account.ownerToken()).queryParam("ownerType", "user")
                .queryParam("ownerId", other.id()).get("/api/v1/api-keys").then().statusCode(200).extract()
                .path("items.ownerId");
        assertThat(filtered).containsOnly(other.id());
        // and may disable a member's key
        String devKey = as(developer.token()).get("/api/v1/me").then().extract().path("apiKeyId");
        as(account.ownerToken()).body(Map.of("disabled", true)).patch("/api/v1/api-keys/" + devKey)
                .then().statusCode(200);
        problem(as(developer.token()).get("/api/v1/me"), 401, "disabled");
    }

    @Test
    void anotherAccountsKeysAndPrincipalsDoNotExist() {
        Account account = signup();
        Account other = signup();
        String foreignKey = as(other.ownerToken()).body(key("theirs")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("id");
        problem(as(account.ownerToken()).get("/api/v1/api-keys/" + foreignKey), 404, "does not exist");
        problem(as(account.ownerToken()).body(Map.of("disabled", true)).patch("/api/v1/api-keys/" + foreignKey), 404,
                "does not exist");
        problem(as(account.ownerToken()).delete("/api/v1/api-keys/" + foreignKey), 404, "does not exist");
        invalid(as(account.ownerToken()).body(Map.of("displayName", "x", "expiryTime", inDays(1).toString(),
                "ownerType", "user", "ownerId", other.ownerId())).post("/api/v1/api-keys"), "ownerId",
                "in your account");
        assertThat(as(account.ownerToken()).queryParam("ownerId", other.ownerId()).get("/api/v1/api-keys")
                .then().statusCode(200).extract().<List<String>>path("items")).isEmpty();
        // the other account's key still works
        as(other.ownerToken()).get("/api/v1/api-keys/" + foreignKey).then().statusCode(200);
    }
}
