package io.cadenza.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.devstack.CadenzaTopology;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Terraform provider (terraform/) driven by the real terraform CLI against the running system: an account's
 * admin service account holds the API key Terraform uses; one configuration makes two namespaces, a search
 * attribute, a service account with namespace accesses, its API key and a user; then in-place changes,
 * replacements, set reordering, drift, import, validation errors, delete protection and destroy.
 */
class TerraformProviderIT {

    private final CadenzaTopology stack = SystemStack.get();

    /** The example's shape, with the knobs the test turns. */
    private record Config(String ordersName, int ordersRetention, boolean ordersProtected, boolean reversedAccesses,
                          String extra) {
        String render(String expiry) {
            String accesses = reversedAccesses
                    ? """
                        { namespace_id = cadenza_namespace.billing.id, permission = "read" },
                        { namespace_id = cadenza_namespace.orders.id, permission = "write" },"""
                    : """
                        { namespace_id = cadenza_namespace.orders.id, permission = "write" },
                        { namespace_id = cadenza_namespace.billing.id, permission = "read" },""";
            return """
                    terraform {
                      required_providers {
                        cadenza = { source = "cadenza/cadenza" }
                      }
                    }
                    provider "cadenza" {}

                    resource "cadenza_namespace" "orders" {
                      name              = "%s"
                      retention_days    = %d
                      delete_protection = %s
                    }
                    resource "cadenza_namespace" "billing" {
                      name           = "billing"
                      retention_days = 7
                      timeouts {
                        create = "5m"
                      }
                    }
                    resource "cadenza_namespace_search_attribute" "customer" {
                      namespace_id = cadenza_namespace.orders.id
                      name         = "CustomerId"
                      type         = "Keyword"
                    }
                    resource "cadenza_service_account" "worker" {
                      name         = "orders-worker"
                      description  = "runs the orders workers"
                      account_role = "developer"
                      namespace_accesses = [
                    %s
                      ]
                    }
                    resource "cadenza_apikey" "worker" {
                      display_name = "orders worker"
                      owner_type   = "service-account"
                      owner_id     = cadenza_service_account.worker.id
                      expiry_time  = "%s"
                    }
                    resource "cadenza_user" "manager" {
                      email        = "Manager@Example.com"
                      account_role = "developer"
                      namespace_accesses = [{ namespace_id = cadenza_namespace.orders.id, permission = "read" }]
                      groups       = ["managers", "approvers"]
                    }
                    data "cadenza_namespaces" "all" {
                      depends_on = [cadenza_namespace.orders, cadenza_namespace.billing]
                    }
                    output "orders_id" {
                      value = cadenza_namespace.orders.id
                    }
                    output "worker_key" {
                      value     = cadenza_apikey.worker.token
                      sensitive = true
                    }
                    output "namespace_count" {
                      value = length(data.cadenza_namespaces.all.namespaces)
                    }
                    %s
                    """.formatted(ordersName, ordersRetention, ordersProtected, accesses, expiry, extra);
        }
    }

    @Test
    void managesAnAccountWithTheTerraformCli() throws IOException {
        Tenant tenant = Tenant.signUp(stack, "tf");
        String api = stack.gatewayHttpUrl() + "/api/v1";
        // Terraform's identity: an admin service account's API key (API keys of service accounts on /api/v1)
        Response sa = tenant.api().body(Map.of("name", "terraform", "accountRole", "admin"))
                .post("/api/v1/service-accounts");
        assertThat(sa.statusCode()).as(sa.asString()).isEqualTo(201);
        Response key = tenant.api().body(Map.of("displayName", "terraform", "ownerType", "service-account",
                        "ownerId", sa.jsonPath().getString("serviceAccount.id"),
                        "expiryTime", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .post("/api/v1/api-keys");
        assertThat(key.statusCode()).as(key.asString()).isEqualTo(201);
        String adminKey = key.jsonPath().getString("token");

        Path dir = Files.createTempDirectory("cadenza-tf-");
        TerraformCli tf = new TerraformCli(dir, Map.of("CADENZA_ENDPOINT", api, "CADENZA_API_KEY", adminKey));
        String expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        Config config = new Config("orders", 7, true, false, "");

        // init + apply, then a second plan has nothing to do
        tf.write("main.tf", config.render(expiry));
        tf.expect(0, "init", "-no-color", "-input=false");
        tf.expect(0, "apply", "-auto-approve", "-no-color", "-input=false");
        tf.expect(0, "plan", "-detailed-exitcode", "-no-color", "-input=false");
        String ordersId = tf.expect(0, "output", "-raw", "orders_id").trim();
        assertThat(ordersId).isEqualTo("orders." + tenant.accountId);
        assertThat(tf.expect(0, "output", "-raw", "namespace_count").trim()).isEqualTo("2");
        Map<String, Object> orders = tenant.api().get("/api/v1/namespaces/" + ordersId).jsonPath().getMap("");
        assertThat(orders).containsEntry("state", "active").containsEntry("deleteProtection", true)
                .containsEntry("searchAttributes", Map.of("CustomerId", "Keyword"));
        Map<String, Object> user = tenant.api().get("/api/v1/users").jsonPath().getList("items", Map.class)
                .stream().filter(u -> "manager@example.com".equalsIgnoreCase((String) u.get("email")))
                .findFirst().orElseThrow();
        assertThat(new java.util.HashSet<Object>((List<?>) user.get("groups"))).isEqualTo(java.util.Set.of("managers", "approvers"));

        // the API key Terraform made runs a workflow through the gateway in the namespace Terraform made
        String workerKey = tf.expect(0, "output", "-raw", "worker_key").trim();
        assertThat(workerKey).startsWith("cdz_");
        assertThat(Sdk.runGreeting(stack.gatewayGrpcTarget(), workerKey, ordersId, "Terraform").result())
                .isEqualTo("Hello, Terraform!");

        // reordering a set changes nothing
        tf.write("main.tf", new Config("orders", 7, true, true, "").render(expiry));
        tf.expect(0, "plan", "-detailed-exitcode", "-no-color", "-input=false");

        // a retention change is an in-place update
        tf.write("main.tf", new Config("orders", 14, true, true, "").render(expiry));
        String retentionPlan = tf.expect(2, "plan", "-detailed-exitcode", "-no-color", "-input=false");
        assertThat(retentionPlan).contains("cadenza_namespace.orders will be updated in-place")
                .containsPattern("retention_days\\s+= 7 -> 14").doesNotContain("must be replaced");
        tf.expect(0, "apply", "-auto-approve", "-no-color", "-input=false");
        assertThat(tenant.api().get("/api/v1/namespaces/" + ordersId).jsonPath().getInt("retentionDays"))
                .isEqualTo(14);
        tf.expect(0, "plan", "-detailed-exitcode", "-no-color", "-input=false");

        // a name change plans a replacement
        tf.write("main.tf", new Config("orders-eu", 14, true, true, "").render(expiry));
        assertThat(tf.expect(2, "plan", "-detailed-exitcode", "-no-color", "-input=false"))
                .contains("cadenza_namespace.orders must be replaced").contains("# forces replacement");
        tf.write("main.tf", new Config("orders", 14, true, true, "").render(expiry));

        // drift: a change through REST and a deletion show in the next plan, and apply repairs them
        String billingId = "billing." + tenant.accountId;
        tenant.api().body(Map.of("retentionDays", 3)).patch("/api/v1/namespaces/" + billingId).then()
                .statusCode(200);
        tenant.api().delete("/api/v1/users/" + user.get("id")).then().statusCode(204);
        String drift = tf.expect(2, "plan", "-detailed-exitcode", "-no-color", "-input=false");
        assertThat(drift).containsPattern("retention_days\\s+= 3 -> 7").contains("cadenza_user.manager will be created");
        tf.expect(0, "apply", "-auto-approve", "-no-color", "-input=false");
        assertThat(tenant.api().get("/api/v1/namespaces/" + billingId).jsonPath().getInt("retentionDays"))
                .isEqualTo(7);
        tf.expect(0, "plan", "-detailed-exitcode", "-no-color", "-input=false");

        // import of a namespace and a service account made through REST
        tenant.createActiveNamespace("legacy", null);
        Response legacySa = tenant.api().body(Map.of("name", "legacy-ci", "accountRole", "read-only",
                "namespaceAccesses", Map.of("legacy." + tenant.accountId, "read"))).post("/api/v1/service-accounts");
        assertThat(legacySa.statusCode()).as(legacySa.asString()).isEqualTo(201);
        String legacySaId = legacySa.jsonPath().getString("serviceAccount.id");
        String imports = """
                resource "cadenza_namespace" "legacy" {
                  name           = "legacy"
                  retention_days = 7
                }
                resource "cadenza_service_account" "legacy" {
                  name               = "legacy-ci"
                  account_role       = "read-only"
                  namespace_accesses = [{ namespace_id = cadenza_namespace.legacy.id, permission = "read" }]
                }
                """;
        tf.write("main.tf", new Config("orders", 14, true, true, imports).render(expiry));
        tf.expect(0, "import", "-no-color", "-input=false", "cadenza_namespace.legacy", "legacy." + tenant.accountId);
        tf.expect(0, "import", "-no-color", "-input=false", "cadenza_service_account.legacy", legacySaId);
        tf.expect(0, "plan", "-detailed-exitcode", "-no-color", "-input=false");

        // destroy of a delete-protected namespace fails with the API's reason
        String refused = tf.expect(1, "destroy", "-auto-approve", "-no-color", "-input=false");
        assertThat(refused).contains("Cannot delete namespace " + ordersId).contains("delete protection");
        assertThat(tenant.api().get("/api/v1/namespaces/" + ordersId).statusCode()).isEqualTo(200);

        // after lifting the protection, destroy removes everything
        tf.write("main.tf", new Config("orders", 14, false, true, imports).render(expiry));
        tf.expect(0, "apply", "-auto-approve", "-no-color", "-input=false");
        String serviceAccountId = tenant.api().get("/api/v1/service-accounts").jsonPath()
                .getList("items", Map.class).stream().filter(s -> "orders-worker".equals(s.get("name")))
                .map(s -> (String) s.get("id")).findFirst().orElseThrow();
        tf.expect(0, "destroy", "-auto-approve", "-no-color", "-input=false");
        for (String ns : List.of(ordersId, billingId, "legacy." + tenant.accountId)) {
            Poll.until(ns + " gone", Duration.ofSeconds(60),
                    () -> tenant.api().get("/api/v1/namespaces/" + ns).statusCode() == 404 ? true : null);
        }
        assertThat(tenant.api().get("/api/v1/service-accounts/" + serviceAccountId).statusCode()).isEqualTo(404);
        assertThat(tenant.api().get("/api/v1/service-accounts/" + legacySaId).statusCode()).isEqualTo(404);
        assertThat(tenant.api().get("/api/v1/users").jsonPath().getList("items", Map.class))
                .noneMatch(u -> "manager@example.com".equalsIgnoreCase((String) u.get("email")));
        assertThat(tenant.api().get("/api/v1/api-keys").jsonPath()
                .getList("items", Map.class)).noneMatch(k -> "orders worker".equals(k.get("displayName")));
    }

    @Test
    void invalidValuesFailThePlanWithADiagnosticOnTheAttribute() throws IOException {
        Tenant tenant = Tenant.signUp(stack, "tfbad");
        Path dir = Files.createTempDirectory("cadenza-tf-bad-");
        TerraformCli tf = new TerraformCli(dir, Map.of("CADENZA_ENDPOINT", stack.gatewayHttpUrl() + "/api/v1",
                "CADENZA_API_KEY", (String) tenant.createApiKey("tf", Instant.now().plus(1, ChronoUnit.DAYS))
                        .get("token")));
        tf.write("main.tf", """
                terraform {
                  required_providers {
                    cadenza = { source = "cadenza/cadenza" }
                  }
                }
                resource "cadenza_namespace" "bad" {
                  name           = "bad"
                  retention_days = 0
                }
                resource "cadenza_service_account" "bad" {
                  name         = "bad"
                  account_role = "superuser"
                }
                resource "cadenza_namespace_search_attribute" "bad" {
                  namespace_id = "bad.x"
                  name         = "Amount"
                  type         = "Money"
                }
                """);
        tf.expect(0, "init", "-no-color", "-input=false");
        // Terraform wraps long lines: compare with runs of whitespace as one space
        String out = tf.expect(1, "plan", "-no-color", "-input=false").replaceAll("\\s+", " ");
        assertThat(out).contains("Invalid value for retention_days").contains("retention_days = 0")
                .contains("must be a whole number between 1 and 90 (got 0)");
        assertThat(out).contains("Invalid value for account_role").contains("account_role = \"superuser\"")
                .contains("must be one of admin, developer, finance-admin, read-only (got 'superuser')");
        assertThat(out).contains("Invalid value for type").contains("type = \"Money\"")
                .contains("must be one of Keyword, Text, Int, Double, Bool, Datetime, KeywordList (got 'Money')");
        // nothing was created
        assertThat(tenant.api().get("/api/v1/namespaces").jsonPath().getList("items")).isEmpty();
    }
}
