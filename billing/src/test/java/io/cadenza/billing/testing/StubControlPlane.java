package io.cadenza.billing.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The control plane's internal API and Keycloak's token endpoint as billing calls them (docs/tenancy.md), with a
 * fixed set of tenant tokens: {@code <role>-<accountId>}, e.g. {@code owner-acca}, {@code developer-acca}.
 */
public final class StubControlPlane implements AutoCloseable {
    static final String SERVICE_TOKEN = "billing-service-token";
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]*)\"");
    private static final Map<String, String> NAMESPACES = Map.of("renamed", "accrenamed");

    private final HttpServer server;

    public StubControlPlane() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/realms/cadenza/protocol/openid-connect/token", ex ->
                send(ex, 200, "application/json", "{\"access_token\":\"" + SERVICE_TOKEN + "\",\"expires_in\":300}"));
        server.createContext("/internal/v1/authenticate", this::authenticate);
        server.createContext("/internal/v1/namespaces/", this::namespace);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void authenticate(HttpExchange ex) throws IOException {
        if (!("Bearer " + SERVICE_TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            send(ex, 401, "application/json", "{}");
            return;
        }
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = TOKEN.matcher(body);
        String token = m.find() ? m.group(1) : "";
        int dash = token.lastIndexOf('-');
        String role = dash > 0 ? token.substring(0, dash) : "";
        if (!role.matches("owner|admin|developer|finance-admin|read-only")) {
            send(ex, 401, "application/problem+json", "{\"status\":401,\"title\":\"Unauthorized\","
                    + "\"detail\":\"Unknown API key.\"}");
            return;
        }
        String account = token.substring(dash + 1);
        send(ex, 200, "application/json", "{\"principalType\":\"user\",\"principalId\":\"u-" + token
                + "\",\"displayName\":\"" + token + "@example.com\",\"accountId\":\"" + account
                + "\",\"accountRole\":\"" + role + "\",\"namespaces\":{},\"validUntil\":\"2100-01-01T00:00:00Z\","
                + "\"username\":\"" + token + "@example.com\",\"groups\":[]}");
    }

    private void namespace(HttpExchange ex) throws IOException {
        String id = ex.getRequestURI().getPath().substring("/internal/v1/namespaces/".length());
        String account = NAMESPACES.get(id);
        if (account == null) {
            send(ex, 404, "application/problem+json", "{\"status\":404}");
        } else {
            send(ex, 200, "application/json", "{\"id\":\"" + id + "\",\"accountId\":\"" + account + "\"}");
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
