package io.cadenza.controlplane.audit;

import io.cadenza.controlplane.testing.ComponentTest;
import io.cadenza.controlplane.testing.ControlPlaneTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(ControlPlaneTestResources.class)
class AuditLogComponentTest extends ComponentTest {

    private static List<Map<String, Object>> entries(String token) {
        return as(token).get("/api/v1/audit-logs").then().statusCode(200).extract().path("items");
    }

    @Test
    void successesAndRefusalsAreRecordedNewestFirst() {
        Account account = signup();
        Member developer = invite(account, "developer");
        String ns = as(account.ownerToken()).header("X-Forwarded-For", "203.0.113.7, 10.0.0.1")
                .body(Map.of("name", "audited", "retentionDays", 2)).post("/api/v1/namespaces")
                .then().statusCode(201).extract().path("id");
        problem(as(developer.token()).delete("/api/v1/namespaces/" + ns), 403, "admin access");

        List<Map<String, Object>> log = entries(account.ownerToken());
        assertThat(log).extracting(e -> e.get("operation")).containsSubsequence(
                "namespace.delete", "namespace.create", "api-key.create", "user.invite", "account.signup");
        assertThat(log).extracting(e -> (String) e.get("time")).isSortedAccordingTo((a, b) ->
                Instant.parse(b).compareTo(Instant.parse(a)));

        Map<String, Object> refused = log.get(0);
        assertThat(refused).containsEntry("operation", "namespace.delete").containsEntry("result", "failure")
                .containsEntry("httpStatus", 403).containsEntry("resourceId", ns)
                .containsEntry("principal", "user:" + developer.id());
        @SuppressWarnings("unchecked")
        Map<String, Object> refusedDetails = (Map<String, Object>) refused.get("details");
        assertThat((String) refusedDetails.get("error")).contains("admin access");
        assertThat(refusedDetails).containsEntry("method", "DELETE").containsKey("apiKeyId");

        Map<String, Object> create = log.get(1);
        assertThat(create).containsEntry("operation", "namespace.create").containsEntry("result", "success")
                .containsEntry("httpStatus", 201).containsEntry("resourceId", ns)
                .containsEntry("clientIp", "203.0.113.7")
                .containsEntry("principal", "user:" + account.ownerId())
                .containsEntry("principalName", account.ownerEmail());
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) create.get("details");
        assertThat(details).containsEntry("retentionDays", 2).containsKey("cellId");

        Map<String, Object> signup = log.get(log.size() - 1);
        assertThat(signup).containsEntry("operation", "account.signup").containsEntry("resourceId", account.id());
    }

    @Test
    void secretsNeverReachTheLog() {
        Account account = signup();
        String token = as(account.ownerToken()).body(Map.of("displayName", "audited key", "expiryTime",
                inDays(3).toString())).post("/api/v1/api-keys").then().statusCode(201).extract().path("token");
        String secret = as(account.ownerToken()).body(Map.of("name", "audited-sa", "accountRole", "developer"))
                .post("/api/v1/service-accounts").then().statusCode(201).extract().path("clientSecret");
        String password = as(account.ownerToken()).body(Map.of("email", unique("a") + "@example.com",
                        "accountRole", "developer")).post("/api/v1/users").then().statusCode(201).extract()
                .path("temporaryPassword");
        String raw = as(account.ownerToken()).get("/api/v1/audit-logs").then().statusCode(200).extract().asString();
        assertThat(raw).contains("api-key.create", "service-account.create", "user.invite")
                .doesNotContain(token.substring(4)).doesNotContain(secret).doesNotContain(password)
                .doesNotContain(PASSWORD);
    }

    @Test
    void onlyOwnersAndAdminsReadTheirAccountsLog() {
        Account account = signup();
        Account other = signup();
        Member admin = invite(account, "admin");
        Member developer = invite(account, "developer");
        createNamespace(other.ownerToken(), "elsewhere");
        problem(as(developer.token()).get("/api/v1/audit-logs"), 403, "owners and admins");
        List<Map<String, Object>> log = entries(admin.token());
        assertThat(log).isNotEmpty().allSatisfy(e -> assertThat((String) e.get("principal"))
                .isIn("user:" + account.ownerId(), "user:" + admin.id(), "user:" + developer.id()));
        assertThat(log).extracting(e -> e.get("operation")).doesNotContain("namespace.create");
    }

    @Test
    void timeWindowsAndPaging() {
        Account account = signup();
        Instant before = Instant.now();
        for (int i = 0; i < 3; i++) {
            createNamespace(account.ownerToken(), "window-" + i);
        }
        List<Map<String, Object>> recent = as(account.ownerToken()).queryParam("since", before.toString())
                .get("/api/v1/audit-logs").then().statusCode(200).extract().path("items");
        assertThat(recent).extracting(e -> e.get("operation")).containsOnly("namespace.create").hasSize(3);
        assertThat(as(account.ownerToken()).queryParam("until", before.toString()).get("/api/v1/audit-logs")
                .then().statusCode(200).extract().<List<String>>path("items.operation"))
                .doesNotContain("namespace.create").contains("account.signup");

        List<String> paged = new ArrayList<>();
        String pageToken = null;
        do {
            var request = as(account.ownerToken()).queryParam("pageSize", 2);
            if (pageToken != null) {
                request = request.queryParam("pageToken", pageToken);
            }
            ExtractableResponse<Response> page = request.get("/api/v1/audit-logs").then().statusCode(200).extract();
            paged.addAll(page.path("items.id"));
            pageToken = page.path("nextPageToken");
        } while (pageToken != null);
        assertThat(paged).containsExactlyElementsOf(
                as(account.ownerToken()).get("/api/v1/audit-logs").then().extract().<List<String>>path("items.id"));

        invalid(as(account.ownerToken()).queryParam("since", "yesterday").get("/api/v1/audit-logs"), "since",
                "RFC 3339");
        invalid(as(account.ownerToken()).queryParam("pageToken", "bm9wZQ").get("/api/v1/audit-logs"), "pageToken",
                "not a page token");
    }
}
