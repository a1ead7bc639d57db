package io.cadenza.system;

import static io.restassured.RestAssured.given;

import io.cadenza.devstack.CadenzaTopology;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One signed-up Cadenza account as its owner sees it: REST calls through the gateway with the owner's Keycloak token.
 */
public final class Tenant {

    public static final String PASSWORD = "correct-horse-battery-staple-42";

    private final CadenzaTopology stack;
    public final String accountName;
    public final String email;
    public final String accountId;
    private String token;
    private Instant tokenExpiry = Instant.EPOCH;

    private Tenant(CadenzaTopology stack, String accountName, String email, String accountId) {
        this.stack = stack;
        this.accountName = accountName;
        this.email = email;
        this.accountId = accountId;
    }

    /** Signs up a new account with a unique name and owner email. */
    public static Tenant signUp(CadenzaTopology stack, String prefix) {
        String unique = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String email = "owner@" + unique + ".example";
        Response response = given().baseUri(stack.gatewayHttpUrl()).contentType(ContentType.JSON)
                .body(Map.of("accountName", unique, "adminEmail", email, "adminPassword", PASSWORD))
                .post("/api/v1/signup");
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new AssertionError("signup failed: " + response.statusCode() + " " + response.asString());
        }
        String accountId = response.jsonPath().getString("accountId");
        if (accountId == null) {
            accountId = response.jsonPath().getString("account.id");
        }
        return new Tenant(stack, unique, email, accountId);
    }

    /** A Keycloak access token of realm cadenza by password grant on cadenza-cli. */
    public static String passwordToken(CadenzaTopology stack, String username, String password) {
        Response response = given().baseUri(stack.keycloakUrl()).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "cadenza-cli")
                .formParam("username", username).formParam("password", password)
                .post("/realms/cadenza/protocol/openid-connect/token");
        if (response.statusCode() != 200) {
            throw new AssertionError("login of " + username + " failed: " + response.asString());
        }
        return response.jsonPath().getString("access_token");
    }

    /** A Keycloak access token of realm cadenza by client-credentials grant (a service account's identity). */
    public static String clientCredentialsToken(CadenzaTopology stack, String clientId, String secret) {
        Response response = given().baseUri(stack.keycloakUrl()).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post("/realms/cadenza/protocol/openid-connect/token");
        if (response.statusCode() != 200) {
            throw new AssertionError("client-credentials grant of " + clientId + " failed: " + response.asString());
        }
        return response.jsonPath().getString("access_token");
    }

    /** The owner's token, refreshed before it expires. */
    public synchronized String token() {
        if (Instant.now().isAfter(tokenExpiry)) {
            token = passwordToken(stack, email, PASSWORD);
            tokenExpiry = Instant.now().plus(Duration.ofMinutes(4));
        }
        return token;
    }

    /** A request through the gateway as the owner. */
    public RequestSpecification api() {
        return given().baseUri(stack.gatewayHttpUrl()).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token());
    }

    /** Creates a namespace (optionally on a given cell) and waits until it is active; returns its JSON. */
    public Map<String, Object> createActiveNamespace(String name, String cellId) {
        Map<String, Object> body = cellId == null
                ? Map.of("name", name, "retentionDays", 7)
                : Map.of("name", name, "retentionDays", 7, "cellId", cellId);
        Response created = api().body(body).post("/api/v1/namespaces");
        if (created.statusCode() / 100 != 2) {
            throw new AssertionError("namespace create failed: " + created.statusCode() + " " + created.asString());
        }
        String id = created.jsonPath().getString("id");
        return Poll.until("namespace " + id + " active", Duration.ofSeconds(60), () -> {
            Response r = api().get("/api/v1/namespaces/" + id);
            return "active".equals(r.jsonPath().getString("state")) ? r.jsonPath().getMap("") : null;
        });
    }

    /** Creates an API key owned by the caller; returns {id, token, ...}. */
    public Map<String, Object> createApiKey(String displayName, Instant expiry) {
        Response created = api().body(Map.of("displayName", displayName, "expiryTime", expiry.toString()))
                .post("/api/v1/api-keys");
        if (created.statusCode() / 100 != 2) {
            throw new AssertionError("API key create failed: " + created.statusCode() + " " + created.asString());
        }
        return created.jsonPath().getMap("");
    }
}
