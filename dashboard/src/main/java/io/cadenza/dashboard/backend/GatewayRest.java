package io.cadenza.dashboard.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.cadenza.dashboard.security.UserToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's REST API {@code /api/v1} (control plane resources, inbox), called with the user's access token.
 * Problem answers (RFC 9457) become {@link BackendException}s carrying the server's {@code detail} and field errors.
 */
@ApplicationScoped
public class GatewayRest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    DashboardConfig config;

    public JsonNode get(UserToken user, String path) {
        return send(user, "GET", path, null);
    }

    public JsonNode post(UserToken user, String path, Object body) {
        return send(user, "POST", path, body);
    }

    public JsonNode patch(UserToken user, String path, Object body) {
        return send(user, "PATCH", path, body);
    }

    public JsonNode put(UserToken user, String path, Object body) {
        return send(user, "PUT", path, body);
    }

    public JsonNode delete(UserToken user, String path) {
        return send(user, "DELETE", path, null);
    }

    /** Every item of a paged list ({@code {items, nextPageToken}}), up to {@code max}. */
    public List<JsonNode> all(UserToken user, String path, int max) {
        List<JsonNode> items = new ArrayList<>();
        String token = null;
        do {
            String sep = path.contains("?") ? "&" : "?";
            JsonNode page = get(user, token == null ? path : path + sep + "pageToken=" + encode(token));
            JsonNode list = page.isArray() ? page : page.path("items");
            list.forEach(items::add);
            token = page.path("nextPageToken").isTextual() ? page.path("nextPageToken").asText() : null;
        } while (token != null && !token.isEmpty() && items.size() < max);
        return items;
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(UserToken user, String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.gatewayUrl() + path))
                    .timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + user.accessToken())
                    .header("Accept", "application/json");
            if (body != null) {
                request.header("Content-Type", "application/json").method(method,
                        HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 == 2) {
                return response.body() == null || response.body().isBlank() ? MissingNode.getInstance()
                        : JSON.readTree(response.body());
            }
            throw problem(response);
        } catch (ConnectException e) {
            throw new BackendException("The Cadenza API is not reachable right now; try again in a moment", 0, e);
        } catch (HttpTimeoutException e) {
            throw new BackendException("The Cadenza API did not answer in time; try again in a moment", 504, e);
        } catch (IOException e) {
            throw new BackendException("The Cadenza API could not be reached: " + e.getMessage(), 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("Interrupted", 0, e);
        }
    }

    /** A readable exception from an error answer: the problem's detail (or title), with its field errors. */
    static BackendException problem(HttpResponse<String> response) {
        int status = response.statusCode();
        String detail = null;
        List<String> fields = new ArrayList<>();
        try {
            JsonNode body = JSON.readTree(response.body());
            detail = text(body, "detail");
            if (detail == null) {
                detail = text(body, "title");
            }
            if (detail == null) {
                detail = text(body, "message");
            }
            body.path("errors").forEach(e -> fields.add(e.path("field").asText() + ": " + e.path("message").asText()));
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through to the status-based message
        }
        String base = switch (status) {
            case 401 -> "Your session is no longer valid; reload the page to sign in again";
            case 403 -> "Your role does not allow this";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 429 -> "Too many requests; try again in a moment";
            case 502, 503, 504 -> "A Cadenza service is not available right now; try again in a moment";
            default -> status >= 500 ? "The server failed to handle the request" : "The request was refused";
        };
        String message = detail == null || detail.isBlank() ? base : (status == 403 || status == 401
                ? base + ": " + detail : detail);
        if (!fields.isEmpty()) {
            message += " (" + String.join("; ", fields) + ")";
        }
        return new BackendException(message, status);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
