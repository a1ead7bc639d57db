package io.cadenza.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cadenza.devstack.CadenzaTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed OpenAPI documents (openapi/) describe what the services really serve: the control plane's live
 * document must equal {@code openapi/control-plane.yaml}, and Swagger UI is served. A change to the API without a
 * regenerated document fails here, with the served document written next to the test output to copy over.
 */
class OpenApiIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final CadenzaTopology stack = SystemStack.get();

    @Test
    void theControlPlanesServedDocumentIsTheCommittedOne() throws Exception {
        String served = given().baseUri(stack.controlPlaneUrl()).queryParam("format", "yaml").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        Path home = Path.of(System.getProperty("cadenza.home", ".."));
        Path committed = home.resolve("openapi").resolve("control-plane.yaml");
        JsonNode servedTree = YAML.readTree(served);
        JsonNode committedTree = YAML.readTree(Files.readString(committed, StandardCharsets.UTF_8));
        if (!servedTree.equals(committedTree)) {
            Path actual = Path.of("target", "openapi", "control-plane.yaml").toAbsolutePath();
            Files.createDirectories(actual.getParent());
            Files.writeString(actual, served, StandardCharsets.UTF_8);
            throw new AssertionError("openapi/control-plane.yaml is out of date with what the control plane serves."
                    + " If the API change is intended: cp " + actual + " " + committed.toAbsolutePath());
        }
    }

    @Test
    void swaggerUiIsServedAndTheInboxDocumentDescribesTheInboxPaths() throws Exception {
        given().baseUri(stack.controlPlaneUrl()).get("/q/swagger-ui/").then().statusCode(200);
        JsonNode inbox = YAML.readTree(Files.readString(Path.of(System.getProperty("cadenza.home", ".."))
                .resolve("openapi").resolve("inbox.yaml"), StandardCharsets.UTF_8));
        assertThat(inbox.path("paths").has("/api/v1/namespaces/{namespace}/tasks")).isTrue();
    }
}
