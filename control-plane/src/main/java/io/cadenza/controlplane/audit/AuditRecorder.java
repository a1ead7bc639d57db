package io.cadenza.controlplane.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.controlplane.api.Ids;
import io.cadenza.controlplane.auth.Caller;
import io.cadenza.controlplane.auth.CurrentCaller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.reflect.Method;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes one audit record per call of an {@link Audited} endpoint, after its outcome is known, successes and
 * failures alike, when the caller is a member of an account. Uses the SQL client directly so it works on any thread
 * and independently of the handler's transaction (a failed change is still recorded).
 */
public class AuditRecorder {
    private static final Logger LOG = Logger.getLogger(AuditRecorder.class);
    private static final String INSERT = "INSERT INTO audit_logs (id, account_id, at, principal, principal_name, "
            + "operation, resource_id, client_ip, result, http_status, details) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

    @Inject
    Pool pool;
    @Inject
    AuditContext audit;
    @Inject
    CurrentCaller currentCaller;
    @Inject
    ObjectMapper json;

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response,
                           ResourceInfo resourceInfo, HttpServerRequest http) {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        Audited audited = method == null ? null : method.getAnnotation(Audited.class);
        if (audited == null) {
            return Uni.createFrom().voidItem();
        }
        Caller known = audit.caller() != null ? audit.caller() : currentCaller.resolved();
        Caller caller = known != null || Context.isOnEventLoopThread() ? known : currentCaller.tryGet();
        if (caller == null) {
            return Uni.createFrom().voidItem(); // anonymous or not a member: there is no account to record it in
        }
        String resourceId = audit.resourceId();
        if (resourceId == null && !audited.resourceParam().isEmpty()) {
            resourceId = request.getUriInfo().getPathParameters().getFirst(audited.resourceParam());
        }
        int status = response.getStatus();
        Map<String, Object> details = new LinkedHashMap<>(audit.details());
        details.put("method", request.getMethod());
        details.put("path", request.getUriInfo().getPath());
        if (caller.apiKeyId() != null) {
            details.put("apiKeyId", caller.apiKeyId());
        }
        if (status >= 400 && response.getEntity() instanceof io.cadenza.controlplane.problem.Problem p) {
            details.put("error", p.detail());
        }
        Tuple row = Tuple.tuple()
                .addString(Ids.random())
                .addString(caller.accountId())
                .addOffsetDateTime(OffsetDateTime.ofInstant(Ids.now(), ZoneOffset.UTC))
                .addString(caller.principal())
                .addString(caller.displayName())
                .addString(audited.value())
                .addString(resourceId)
                .addString(clientIp(request, http))
                .addString(status < 400 ? "success" : "failure")
                .addInteger(status)
                .addString(toJson(details));
        return pool.preparedQuery(INSERT).execute(row)
                .onFailure().invoke(e -> LOG.errorf(e, "Could not write audit record %s for %s",
                        audited.value(), caller.principal()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    static String clientIp(ContainerRequestContext request, HttpServerRequest http) {
        String forwarded = request.getHeaderString("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].trim();
        }
        return http != null && http.remoteAddress() != null ? http.remoteAddress().hostAddress() : null;
    }

    private String toJson(Map<String, Object> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }
}
