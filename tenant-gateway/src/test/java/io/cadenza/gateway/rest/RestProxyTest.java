package io.cadenza.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged wiring: REST proxy to a stand-in control plane, health, /internal refused. */
@QuarkusTest
class RestProxyTest {

    static Vertx vertx;
    static HttpServer controlPlane;
    static HttpServer billing;

    @BeforeAll
    static void startControlPlane() throws Exception {
        vertx = Vertx.vertx();
        controlPlane = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            if (req.path().equals("/api/v1/down")) {
                req.connection().close();
                return;
            }
            JsonObject echo = new JsonObject().put("method", req.method().name()).put("uri", req.uri())
                    .put("body", body.toString()).put("authorization", req.getHeader("Authorization"))
                    .put("xff", req.getHeader("X-Forwarded-For")).put("xfproto", req.getHeader("X-Forwarded-Proto"))
                    .put("xfhost", req.getHeader("X-Forwarded-Host"));
            req.response().setStatusCode(req.method().name().equals("POST") ? 201 : 200)
                    .putHeader("Content-Type", "application/json").putHeader("X-Upstream", "cp")
                    .end(echo.encode());
        })).listen(17259, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        billing = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> req.response()
                .putHeader("Content-Type", "application/json").putHeader("X-Upstream", "billing")
                .end(new JsonObject().put("uri", req.uri()).put("authorization", req.getHeader("Authorization"))
                        .encode())))
                .listen(17269, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopControlPlane() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void api_calls_reach_the_control_plane_with_method_path_query_headers_body_and_status() {
        given().header("Authorization", "Bearer cdz_x").contentType("application/json").body("{\"name\":\"orders\"}")
                .when().post("/api/v1/namespaces?dryRun=true")
                .then().statusCode(201).header("X-Upstream", "cp")
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/v1/namespaces?dryRun=true"))
                .body("body", equalTo("{\"name\":\"orders\"}"))
                .body("authorization", equalTo("Bearer cdz_x"))
                .body("xff", equalTo("127.0.0.1"))
                .body("xfproto", equalTo("http"))
                .body("xfhost", containsString(":17243"));
    }

    @Test
    void usage_invoices_and_the_billing_plan_go_to_the_billing_service() {
        for (String uri : new String[] {"/api/v1/usage?granularity=DAILY", "/api/v1/invoices",
                "/api/v1/invoices/inv-acme-2026-12", "/api/v1/billing/plan"}) {
            given().header("Authorization", "Bearer cdz_x").when().get(uri)
                    .then().statusCode(200).header("X-Upstream", "billing")
                    .body("uri", equalTo(uri)).body("authorization", equalTo("Bearer cdz_x"));
        }
        // a path that merely starts with the same letters stays with the control plane
        given().when().get("/api/v1/usagereport").then().statusCode(200).header("X-Upstream", "cp");
    }

    @Test
    void internal_endpoints_are_not_forwarded() {
        given().when().get("/internal/v1/namespaces/default")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void a_failing_control_plane_is_a_502_problem() {
        given().when().get("/api/v1/down")
                .then().statusCode(502).contentType("application/problem+json")
                .body("status", equalTo(502)).body("detail", containsString("control plane is unavailable"));
    }

    @Test
    void inbox_calls_are_authenticated_by_the_gateway_not_forwarded_to_the_control_plane() {
        given().when().get("/api/v1/namespaces/orders.acme/tasks")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("missing authorization"));
        given().header("Authorization", "Basic abc").when().post("/api/v1/namespaces/orders.acme/tasks/t1/claim")
                .then().statusCode(401).body("detail", containsString("malformed authorization"));
    }

    @Test
    void ready_once_grpc_listens() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
