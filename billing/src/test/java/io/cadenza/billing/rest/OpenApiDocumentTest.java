package io.cadenza.billing.rest;

import static io.restassured.RestAssured.given;

import io.cadenza.billing.testing.BillingTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code openapi/billing.yaml} is what billing serves. A changed API fails here, with the served
 * document written to target/openapi/billing.yaml to copy over.
 */
@QuarkusTest
@QuarkusTestResource(BillingTestResources.class)
class OpenApiDocumentTest {

    @Test
    void theServedDocumentIsTheCommittedOne() throws Exception {
        String served = given().queryParam("format", "yaml").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        Path committed = Path.of("..", "openapi", "billing.yaml").toAbsolutePath().normalize();
        String expected = Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "";
        if (!normalize(served).equals(normalize(expected))) {
            Path actual = Path.of("target", "openapi", "billing.yaml").toAbsolutePath();
            Files.createDirectories(actual.getParent());
            Files.writeString(actual, served, StandardCharsets.UTF_8);
            throw new AssertionError("openapi/billing.yaml is out of date with what billing serves. If the API "
                    + "change is intended: cp " + actual + " " + committed);
        }
    }

    private static String normalize(String yaml) {
        return yaml.replace("\r\n", "\n").strip();
    }
}
