package io.cadenza.controlplane.namespace;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(ControlPlaneTestResources.class)
class NamespaceComponentTest extends ComponentTest {

    private static Map<String, Long> namespacesPerCell() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        Map<String, Long> counts = new HashMap<>(Map.of("cell-1", 0L, "cell-2", 0L));
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT cell_id, count(*) FROM namespaces GROUP BY cell_id")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    @Test
    void aNamespaceIsCreatedProvisioningWithItsSpec() {
        Account account = signup();
        ExtractableResponse<Response> r = as(account.ownerToken()).body(Map.of("name", "payments",
                        "retentionDays", 7, "searchAttributes", Map.of("CustomerId", "Keyword", "Amount", "Double"),
                        "deleteProtection", true, "actionsPerSecond", 50))
                .post("/api/v1/namespaces").then().statusCode(201).extract();
        assertThat(r.<String>path("id")).isEqualTo("payments." + account.id());
        assertThat(r.<String>path("accountId")).isEqualTo(account.id());
        assertThat(r.<String>path("state")).isEqualTo("provisioning");
        assertThat(r.<Integer>path("retentionDays")).isEqualTo(7);
        assertThat(r.<Map<String, String>>path("searchAttributes"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("CustomerId", "Keyword", "Amount", "Double"));
        assertThat(r.<Boolean>path("deleteProtection")).isTrue();
        assertThat(r.<Integer>path("actionsPerSecond")).isEqualTo(50);
        assertThat(r.<Integer>path("requestsPerSecond")).isEqualTo(NamespaceRules.DEFAULT_REQUESTS_PER_SECOND);
        assertThat(r.<String>path("grpcEndpoint")).isNotBlank();

        ExtractableResponse<Response> got = as(account.ownerToken()).get("/api/v1/namespaces/" + r.path("id"))
                .then().statusCode(200).extract();
        assertThat(got.<String>path("cellId")).isEqualTo(r.path("cellId"));
        assertThat(got.<Map<String, String>>path("searchAttributes")).containsKeys("CustomerId", "Amount");
    }

    @Test
    void namespacesArePlacedOnTheRequestedOrTheLeastLoadedCell() throws SQLException {
        Account account = signup();
        for (int i = 0; i < 3; i++) {
            Map<String, Long> counts = namespacesPerCell();
            String expected = counts.get("cell-1") <= counts.get("cell-2") ? "cell-1" : "cell-2";
            String cell = as(account.ownerToken()).body(Map.of("name", "auto-" + i, "retentionDays", 1))
                    .post("/api/v1/namespaces").then().statusCode(201).extract().path("cellId");
            assertThat(cell).as("placement with %s", counts).isEqualTo(expected);
        }
        Map<String, Long> counts = namespacesPerCell();
        String busiest = counts.get("cell-1") >= counts.get("cell-2") ? "cell-1" : "cell-2";
        assertThat(as(account.ownerToken()).body(Map.of("name", "pinned", "retentionDays", 1, "cellId", busiest))
                .post("/api/v1/namespaces").then().statusCode(201).extract().<String>path("cellId"))
                .isEqualTo(busiest);
        invalid(as(account.ownerToken()).body(Map.of("name", "nowhere", "retentionDays", 1, "cellId", "cell-9"))
                .post("/api/v1/namespaces"), "cellId", "known cells: [cell-1, cell-2]");
    }

    @Test
    void createIsValidated() {
        Account account = signup();
        invalid(as(account.ownerToken()).body(Map.of("name", "Bad_Name", "retentionDays", 1))
                .post("/api/v1/namespaces"), "name", "lowercase");
        invalid(as(account.ownerToken()).body(Map.of("name", "ok-name")).post("/api/v1/namespaces"),
                "retentionDays", "is required");
        invalid(as(account.ownerToken()).body(Map.of("name", "ok-name", "retentionDays", 91))
                .post("/api/v1/namespaces"), "retentionDays", "between 1 and 90");
        invalid(as(account.ownerToken()).body(Map.of("name", "ok-name", "retentionDays", 1,
                "searchAttributes", Map.of("Customer", "Float"))).post("/api/v1/namespaces"),
                "searchAttributes.Customer", "Keyword, Text");
        invalid(as(account.ownerToken()).body(Map.of("name", "ok-name", "retentionDays", 1,
                "searchAttributes", Map.of("TemporalThing", "Keyword"))).post("/api/v1/namespaces"),
                "searchAttributes.TemporalThing", "reserved");
        invalid(as(account.ownerToken()).body(Map.of("name", "ok-name", "retentionDays", 1,
                "requestsPerSecond", 0)).post("/api/v1/namespaces"), "requestsPerSecond", "between 1");
        problem(as(account.ownerToken()).post("/api/v1/namespaces"), 400, "name");
        problem(as(account.ownerToken()).body(Map.of("name", "ok-name", "retentionDays", "seven"))
                .post("/api/v1/namespaces"), 400, "retentionDays");
        assertThat(as(account.ownerToken()).get("/api/v1/namespaces").then().extract()
                .<List<String>>path("items")).isEmpty();
    }

    @Test
    void aNameIsUsedOncePerAccount() {
        Account account = signup();
        Account other = signup();
        createNamespace(account.ownerToken(), "shared-name");
        problem(as(account.ownerToken()).body(Map.of("name", "shared-name", "retentionDays", 3))
                .post("/api/v1/namespaces"), 409, "already exists");
        assertThat(createNamespace(other.ownerToken(), "shared-name")).isEqualTo("shared-name." + other.id());
    }

    @Test
    void rolesDecideWhoCreatesSeesAndChanges() {
        Account account = signup();
        String ownersNs = createNamespace(account.ownerToken(), "owners");
        Member developer = invite(account, "developer");
        Member reader = invite(account, "read-only");
        Member finance = invite(account, "finance-admin");

        problem(as(reader.token()).body(Map.of("name", "nope", "retentionDays", 1)).post("/api/v1/namespaces"), 403,
                "cannot create namespaces");
        problem(as(developer.token()).body(Map.of("name", "fast", "retentionDays", 1, "actionsPerSecond", 10))
                .post("/api/v1/namespaces"), 403, "actionsPerSecond");

        // a developer gets admin on what they create and sees nothing else
        String devNs = createNamespace(developer.token(), "devs");
        Map<String, String> perms = as(developer.token()).get("/api/v1/me").then().extract().path("namespaces");
        assertThat(perms).containsExactly(Map.entry(devNs, "admin"));
        assertThat(as(developer.token()).get("/api/v1/namespaces").then().extract().<List<String>>path("items.id"))
                .containsExactly(devNs);
        problem(as(developer.token()).get("/api/v1/namespaces/" + ownersNs), 403, "you have none");
        as(developer.token()).body(Map.of("retentionDays", 5)).patch("/api/v1/namespaces/" + devNs)
                .then().statusCode(200);
        problem(as(developer.token()).body(Map.of("requestsPerSecond", 5)).patch("/api/v1/namespaces/" + devNs), 403,
                "requestsPerSecond");

        // read-only reads every namespace but changes none; finance-admin sees none
        assertThat(as(reader.token()).get("/api/v1/namespaces").then().extract().<List<String>>path("items.id"))
                .containsExactlyInAnyOrder(ownersNs, devNs);
        problem(as(reader.token()).body(Map.of("retentionDays", 5)).patch("/api/v1/namespaces/" + ownersNs), 403,
                "you have read");
        problem(as(reader.token()).delete("/api/v1/namespaces/" + ownersNs), 403, "admin access");
        assertThat(as(finance.token()).get("/api/v1/namespaces").then().extract().<List<String>>path("items"))
                .isEmpty();

        // an explicit grant opens a namespace to a developer
        as(account.ownerToken()).body(Map.of("namespaceAccesses", Map.of(ownersNs, "read")))
                .patch("/api/v1/users/" + developer.id()).then().statusCode(200);
        as(developer.token()).get("/api/v1/namespaces/" + ownersNs).then().statusCode(200);
        problem(as(developer.token()).body(Map.of("retentionDays", 2)).patch("/api/v1/namespaces/" + ownersNs), 403,
                "you have read");
        // the owner may set limits
        ExtractableResponse<Response> limited = as(account.ownerToken()).body(Map.of("actionsPerSecond", 20,
                "requestsPerSecond", 40)).patch("/api/v1/namespaces/" + devNs).then().statusCode(200).extract();
        assertThat(limited.<Integer>path("actionsPerSecond")).isEqualTo(20);
        assertThat(limited.<Integer>path("requestsPerSecond")).isEqualTo(40);
        assertThat(limited.<Integer>path("retentionDays")).isEqualTo(5);
    }

    @Test
    void patchChangesOnlyTheFieldsGivenAndKeepsAttributeTypes() {
        Account account = signup();
        String ns = as(account.ownerToken()).body(Map.of("name", "attrs", "retentionDays", 3,
                        "searchAttributes", Map.of("CustomerId", "Keyword")))
                .post("/api/v1/namespaces").then().statusCode(201).extract().path("id");
        ExtractableResponse<Response> r = as(account.ownerToken())
                .body(Map.of("searchAttributes", Map.of("CustomerId", "Keyword", "Region", "Text")))
                .patch("/api/v1/namespaces/" + ns).then().statusCode(200).extract();
        assertThat(r.<Map<String, String>>path("searchAttributes"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("CustomerId", "Keyword", "Region", "Text"));
        assertThat(r.<Integer>path("retentionDays")).isEqualTo(3);
        assertThat(r.<String>path("updatedAt")).isNotEqualTo(r.<String>path("createdAt"));
        invalid(as(account.ownerToken()).body(Map.of("searchAttributes", Map.of("CustomerId", "Int")))
                .patch("/api/v1/namespaces/" + ns), "searchAttributes.CustomerId", "already defined as Keyword");
        invalid(as(account.ownerToken()).body(Map.of("retentionDays", 0)).patch("/api/v1/namespaces/" + ns),
                "retentionDays", "between 1 and 90");
        problem(as(account.ownerToken()).body(Map.of("color", "blue")).patch("/api/v1/namespaces/" + ns), 400,
                "color");
        ExtractableResponse<Response> unchanged = as(account.ownerToken()).get("/api/v1/namespaces/" + ns)
                .then().statusCode(200).extract();
        assertThat(unchanged.<Integer>path("retentionDays")).isEqualTo(3);
        assertThat(unchanged.<Map<String, String>>path("searchAttributes")).containsEntry("CustomerId", "Keyword");
    }

    @Test
    void deletionHonoursProtectionAndFreezesTheNamespace() {
        Account account = signup();
        String ns = as(account.ownerToken()).body(Map.of("name", "precious", "retentionDays", 1,
                "deleteProtection", true)).post("/api/v1/namespaces").then().statusCode(201).extract().path("id");
        problem(as(account.ownerToken()).delete("/api/v1/namespaces/" + ns), 409, "deleteProtection");
        as(account.ownerToken()).body(Map.of("deleteProtection", false)).patch("/api/v1/namespaces/" + ns)
                .then().statusCode(200);
        ExtractableResponse<Response> deleting = as(account.ownerToken()).delete("/api/v1/namespaces/" + ns)
                .then().statusCode(202).extract();
        assertThat(deleting.<String>path("state")).isEqualTo("deleting");
        // repeating the delete is harmless; changes and a re-create wait until the cell has removed it
        as(account.ownerToken()).delete("/api/v1/namespaces/" + ns).then().statusCode(202);
        problem(as(account.ownerToken()).body(Map.of("retentionDays", 2)).patch("/api/v1/namespaces/" + ns), 409,
                "being deleted");
        problem(as(account.ownerToken()).body(Map.of("name", "precious", "retentionDays", 1))
                .post("/api/v1/namespaces"), 409, "being deleted");
        assertThat(as(account.ownerToken()).get("/api/v1/namespaces/" + ns).then().statusCode(200).extract()
                .<String>path("state")).isEqualTo("deleting");
    }

    @Test
    void anotherAccountsNamespacesDoNotExist() {
        Account account = signup();
        Account other = signup();
        String foreign = createNamespace(other.ownerToken(), "secret");
        problem(as(account.ownerToken()).get("/api/v1/namespaces/" + foreign), 404, "does not exist");
        problem(as(account.ownerToken()).body(Map.of("retentionDays", 9)).patch("/api/v1/namespaces/" + foreign),
                404, "does not exist");
        problem(as(account.ownerToken()).delete("/api/v1/namespaces/" + foreign), 404, "does not exist");
        problem(as(account.ownerToken()).get("/api/v1/namespaces/nothing." + account.id()), 404, "does not exist");
        invalid(as(account.ownerToken()).body(Map.of("email", unique("x") + "@example.com", "accountRole",
                "developer", "namespaceAccesses", Map.of(foreign, "admin"))).post("/api/v1/users"),
                "namespaceAccesses." + foreign, "no such namespace");
        assertThat(as(account.ownerToken()).get("/api/v1/namespaces").then().extract().<List<String>>path("items"))
                .isEmpty();
        assertThat(as(other.ownerToken()).get("/api/v1/namespaces/" + foreign).then().statusCode(200).extract()
                .<Integer>path("retentionDays")).isEqualTo(1);
    }

    @Test
    void theInternalApiIsClosedToTenants() {
        Account account = signup();
        String ns = createNamespace(account.ownerToken(), "internal");
        problem(as(account.ownerToken()).get("/internal/v1/namespaces/" + ns), 403, "internal services");
        problem(anonymous().get("/internal/v1/namespaces/" + ns), 401, "Authentication required");
    }

    @Test
    void listsPageInIdOrder() {
        Account account = signup();
        List<String> created = new ArrayList<>();
        for (String name : List.of("c-ns", "a-ns", "b-ns")) {
            created.add(createNamespace(account.ownerToken(), name));
        }
        ExtractableResponse<Response> first = as(account.ownerToken()).queryParam("pageSize", 2)
                .get("/api/v1/namespaces").then().statusCode(200).extract();
        assertThat(first.<List<String>>path("items.id")).containsExactly("a-ns." + account.id(),
                "b-ns." + account.id());
        ExtractableResponse<Response> second = as(account.ownerToken()).queryParam("pageSize", 2)
                .queryParam("pageToken", (String) first.path("nextPageToken")).get("/api/v1/namespaces")
                .then().statusCode(200).extract();
        assertThat(second.<List<String>>path("items.id")).containsExactly("c-ns." + account.id());
        assertThat(second.<String>path("nextPageToken")).isNull();
    }
}
