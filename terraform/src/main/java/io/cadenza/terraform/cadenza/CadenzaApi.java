package io.cadenza.terraform.cadenza;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The control plane's REST API ({@code /api/v1}) with an API key. Failures become {@link ApiException} carrying the
 * problem's detail and field errors; the key never appears in messages. Connection failures and 502/503/504 (a
 * gateway or control plane restarting) are retried briefly, because Terraform would otherwise fail half an apply.
 */
public final class CadenzaApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 4;

    // HTTP/1.1: the gateway speaks it on the REST port, and an h2c upgrade attempt on every call would be wasted.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String apiKey;

    public CadenzaApi(String endpoint, String apiKey) {
        this.base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.apiKey = apiKey;
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public JsonNode get(String path) {
        return call("GET", path, null);
    }

    public JsonNode post(String path, JsonNode body) {
        return call("POST", path, body);
    }

    public JsonNode patch(String path, JsonNode body) {
        return call("PATCH", path, body);
    }

    public JsonNode delete(String path) {
        return call("DELETE", path, null);
    }

    /** Every page of a list endpoint ({@code items}, {@code nextPageToken}). */
    public List<JsonNode> list(String path) {
        List<JsonNode> all = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = get(path + "?pageSize=1000" + (token == null ? "" : "&pageToken=" + path(token)));
            page.path("items").forEach(all::add);
            token = page.path("nextPageToken").isTextual() && !page.path("nextPageToken").asText().isEmpty()
                    ? page.path("nextPageToken").asText() : null;
        } while (token != null);
        return all;
    }

    private JsonNode call(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json")
                .header("User-Agent", "terraform-provider-cadenza");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = null;
        IOException failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                failure = null;
                int s = response.statusCode();
                if (s != 502 && s != 503 && s != 504) {
                    break;
                }
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while calling " + method + " " + path, e);
            }
            sleep(attempt * 500L);
        }
        if (failure != null) {
            throw new ApiException(0, "Cannot reach the Cadenza API at " + base,
                    failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": "
                            + failure.getMessage()) + ". Check the provider's endpoint (CADENZA_ENDPOINT).",
                    List.of());
        }
        return parse(method, path, response);
    }

    private static JsonNode parse(String method, String path, HttpResponse<String> response) {
        JsonNode json;
        try {
            json = response.body() == null || response.body().isBlank() ? JSON.nullNode()
                    : JSON.readTree(response.body());
        } catch (IOException e) {
            json = JSON.nullNode();
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return json;
        }
        List<ApiException.FieldError> errors = new ArrayList<>();
        json.path("errors").forEach(e -> errors.add(new ApiException.FieldError(e.path("field").asText(),
                e.path("message").asText())));
        String title = json.path("title").asText("HTTP " + status);
        String detail = json.path("detail").asText(status == 401
                ? "The API key was refused; check api_key / CADENZA_API_KEY."
                : method + " " + path + " failed");
        throw new ApiException(status, title, detail, errors);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
