package io.cadenza.dataplane.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A person calling the cell's inbox REST API the way the tenant gateway forwards them: trusted headers for
 * user, groups and namespace role (no internal token is configured in tests).
 */
public record Inbox(String user, String groups, String role, String namespace, String base) {

    public static final String BASE = "http://127.0.0.1:" + System.getenv().getOrDefault("CADENZA_TEST_HTTP_PORT", "17234");

    public static Inbox as(String user, String groups, String role) {
        return new Inbox(user, groups, role, SdkTestSupport.NAMESPACE, BASE);
    }

    public Inbox inNamespace(String other) {
        return new Inbox(user, groups, role, other, base);
    }

    /** The same person calling another cell's HTTP port. */
    public Inbox at(String otherBase) {
        return new Inbox(user, groups, role, namespace, otherBase);
    }

    public RequestSpecification request() {
        RequestSpecification spec = given().baseUri(base).header("Cadenza-User", user)
                .header("Cadenza-Namespace-Role", role);
        return groups == null ? spec : spec.header("Cadenza-Groups", groups);
    }

    public String tasks() {
        return "/api/v1/namespaces/" + namespace + "/tasks";
    }

    public Response list(Map<String, ?> query) {
        return request().queryParams(query).get(tasks());
    }

    public Response get(String taskId) {
        return request().get(tasks() + "/" + taskId);
    }

    public Response post(String taskId, String action, Object body) {
        RequestSpecification spec = request();
        if (body != null) {
            spec = spec.contentType(ContentType.JSON).body(body);
        }
        return spec.post(tasks() + "/" + taskId + "/" + action);
    }

    public Response claim(String taskId) {
        return post(taskId, "claim", null);
    }

    public Response complete(String taskId, String outcome, String comment, Map<String, ?> formValues) {
        return post(taskId, "complete", Map.of("outcome", outcome, "comment", comment, "formValues", formValues));
    }

    /** Waits until the task of {@code workflowId} shows up in this person's inbox; returns its id. */
    public String awaitTask(String workflowId) {
        return Poll.untilValue(Duration.ofSeconds(20), () -> {
            JsonPath page = list(Map.of("state", "all", "pageSize", 500)).then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("tasks.findAll { it.workflowId == '" + workflowId + "' }.id");
            return ids.isEmpty() ? null : ids.get(0);
        }, () -> "task of " + workflowId + " in " + user + "'s inbox");
    }
}
