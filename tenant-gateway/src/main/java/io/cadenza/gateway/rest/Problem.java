package io.cadenza.gateway.rest;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** RFC 9457 problem details answered by the gateway itself. */
final class Problem {

    private Problem() {
    }

    static void send(HttpServerResponse response, int status, String title, String detail, String instance) {
        if (response.ended() || response.headWritten()) {
            response.reset();
            return;
        }
        JsonObject body = new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail).put("instance", instance);
        response.setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(body.toBuffer());
    }
}
