package io.cadenza.terraform.cadenza;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cadenza.terraform.framework.Attribute;
import io.cadenza.terraform.framework.Block;
import io.cadenza.terraform.framework.CtyType;
import io.cadenza.terraform.framework.Diagnostics;
import io.cadenza.terraform.framework.ResourceType;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code cadenza_namespace}: a hosted namespace, id {@code <name>.<accountId>}. Create waits until the cell has
 * registered it (state active); delete waits until it is gone. Search attributes are separate resources.
 */
final class NamespaceResource implements ResourceType {
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,37}[a-z0-9]");
    private static final Map<String, String> FIELDS = Map.of("name", "name", "retentionDays", "retention_days",
            "cellId", "cell", "deleteProtection", "delete_protection", "actionsPerSecond", "actions_per_second",
            "requestsPerSecond", "requests_per_second");
    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration DELETE_TIMEOUT = Duration.ofMinutes(5);

    private final CadenzaProvider provider;
    private final Endpoint endpoint;
    private final Block schema = new Block("A Cadenza namespace: where workflows run, on one cell.", 0,
            Attribute.computed("id", CtyType.STRING).useStateForUnknown()
                    .describe("<name>.<accountId>: the Temporal namespace name SDKs use"),
            Attribute.required("name", CtyType.STRING).requiresReplace()
                    .validate(Resources.matches(NAME, "must be 2-39 lowercase letters, digits or hyphens, "
                            + "starting with a letter and ending with a letter or digit"))
                    .describe("Unique in the account; changing it replaces the namespace"),
            Attribute.required("retention_days", CtyType.NUMBER).validate(Resources.between(1, 90))
                    .describe("Days closed workflows are kept, 1-90"),
            Attribute.optionalComputed("delete_protection", CtyType.BOOL).defaultValue(Boolean.FALSE)
                    .describe("While true, destroying the namespace fails"),
            Attribute.optionalComputed("cell", CtyType.STRING).requiresReplace().useStateForUnknown()
                    .describe("Cell to place it on; default: the least loaded one. Changing it replaces the "
                            + "namespace."),
            Attribute.optionalComputed("actions_per_second", CtyType.NUMBER).useStateForUnknown()
                    .validate(Resources.between(1, 1_000_000)).describe("Rate limit of billable actions"),
            Attribute.optionalComputed("requests_per_second", CtyType.NUMBER).useStateForUnknown()
                    .validate(Resources.between(1, 1_000_000)).describe("Rate limit of gRPC requests"),
            Attribute.computed("grpc_endpoint", CtyType.STRING).useStateForUnknown()
                    .describe("Temporal gRPC endpoint for SDKs"),
            Attribute.computed("state", CtyType.STRING).useStateForUnknown()
                    .describe("active once the cell has registered it"))
            .withSingleBlock("timeouts", new Block("How long to wait", 0,
                    Attribute.optional("create", CtyType.STRING).validate(Resources::checkDuration)
                            .describe("Until the namespace is active; default 10m"),
                    Attribute.optional("delete", CtyType.STRING).validate(Resources::checkDuration)
                            .describe("Until the namespace is gone; default 5m")));

    NamespaceResource(CadenzaProvider provider) {
        this.provider = provider;
        this.endpoint = new Endpoint(provider, "/namespaces", "namespace", FIELDS);
    }

    @Override
    public String typeName() {
        return "cadenza_namespace";
    }

    @Override
    public Block schema() {
        return schema;
    }

    @Override
    public Map<String, Object> create(Map<String, Object> planned, Diagnostics d) {
        ObjectNode body = CadenzaApi.object()
                .put("name", (String) planned.get("name"))
                .put("retentionDays", (Long) planned.get("retention_days"))
                .put("deleteProtection", Boolean.TRUE.equals(planned.get("delete_protection")));
        if (planned.get("cell") instanceof String cell) {
            body.put("cellId", cell);
        }
        if (planned.get("actions_per_second") instanceof Long n) {
            body.put("actionsPerSecond", n);
        }
        if (planned.get("requests_per_second") instanceof Long n) {
            body.put("requestsPerSecond", n);
        }
        Instant deadline = Instant.now().plus(timeout(planned, "create", CREATE_TIMEOUT));
        JsonNode created;
        while (true) {
            try {
                created = provider.api().post("/namespaces", body);
                break;
            } catch (ApiException e) {
                // A namespace of this name still being deleted (a replacement, or a recent destroy): its name is
                // free once the cell has purged it, so wait for that instead of failing.
                if (e.status() == 409 && e.detail() != null && e.detail().contains("being deleted")
                        && Instant.now().isBefore(deadline) && !provider.stopping()) {
                    CadenzaApi.sleep(2000);
                    continue;
                }
                Resources.report(d, "create namespace", e, FIELDS);
                return null;
            }
        }
        String id = created.path("id").asText();
        JsonNode view = created;
        while (!"active".equals(view.path("state").asText())) {
            if (Instant.now().isAfter(deadline) || provider.stopping()) {
                d.error("Namespace " + id + " is not active yet", "It was created but the cell has not registered it"
                        + " within the create timeout" + (view.path("lastError").isTextual()
                        ? "; last error: " + view.path("lastError").asText() : "")
                        + ". Terraform marks it tainted; the next apply replaces it.");
                return withTimeouts(state(view), planned);
            }
            CadenzaApi.sleep(500);
            try {
                view = provider.api().get(endpoint.path(id));
            } catch (ApiException e) {
                if (!e.notFound()) {
                    Resources.report(d, "read namespace " + id, e, FIELDS);
                    return withTimeouts(state(created), planned);
                }
            }
        }
        return withTimeouts(state(view), planned);
    }

    @Override
    public Map<String, Object> read(Map<String, Object> state, Diagnostics d) {
        // A namespace being deleted (out of band) is as good as gone: plan it again.
        return endpoint.read(state, view -> "deleting".equals(view.path("state").asText()) ? null
                : withTimeouts(state(view), state), d);
    }

    @Override
    public Map<String, Object> update(Map<String, Object> prior, Map<String, Object> planned, Diagnostics d) {
        ObjectNode body = CadenzaApi.object();
        Resources.ifSetAndChanged(prior, planned, "retention_days", v -> body.put("retentionDays", (Long) v));
        Resources.ifSetAndChanged(prior, planned, "delete_protection", v -> body.put("deleteProtection", (Boolean) v));
        Resources.ifSetAndChanged(prior, planned, "actions_per_second", v -> body.put("actionsPerSecond", (Long) v));
        Resources.ifSetAndChanged(prior, planned, "requests_per_second", v -> body.put("requestsPerSecond", (Long) v));
        return endpoint.patch(prior, body, view -> withTimeouts(state(view), planned), d);
    }

    @Override
    public void delete(Map<String, Object> prior, Diagnostics d) {
        String id = (String) prior.get("id");
        try {
            provider.api().delete(endpoint.path(id));
        } catch (ApiException e) {
            if (e.notFound()) {
                return;
            }
            if (e.status() == 409) {
                d.attributeError("delete_protection", "Cannot delete namespace " + id, e.detail()
                        + " In Terraform: set delete_protection = false and apply, then destroy.");
                return;
            }
            Resources.report(d, "delete namespace " + id, e, FIELDS);
            return;
        }
        Instant deadline = Instant.now().plus(timeout(prior, "delete", DELETE_TIMEOUT));
        while (Instant.now().isBefore(deadline) && !provider.stopping()) {
            try {
                provider.api().get(endpoint.path(id));
            } catch (ApiException e) {
                if (e.notFound()) {
                    return;
                }
                Resources.report(d, "wait for namespace " + id + " to be deleted", e, FIELDS);
                return;
            }
            CadenzaApi.sleep(500);
        }
        d.warning("Namespace " + id + " is still being deleted",
                "The deletion was accepted; the cell has not finished within the delete timeout.");
    }

    private static Duration timeout(Map<String, Object> state, String which, Duration fallback) {
        Object timeouts = state.get("timeouts");
        return timeouts instanceof Map<?, ?> m ? Resources.duration(m.get(which), fallback) : fallback;
    }

    private static Map<String, Object> withTimeouts(Map<String, Object> state, Map<String, Object> from) {
        state.put("timeouts", from.get("timeouts"));
        return state;
    }

    static Map<String, Object> state(JsonNode view) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", Resources.text(view, "id"));
        s.put("name", Resources.text(view, "name"));
        s.put("retention_days", view.path("retentionDays").asLong());
        s.put("delete_protection", view.path("deleteProtection").asBoolean());
        s.put("cell", Resources.text(view, "cellId"));
        s.put("actions_per_second", view.path("actionsPerSecond").asLong());
        s.put("requests_per_second", view.path("requestsPerSecond").asLong());
        s.put("grpc_endpoint", Resources.text(view, "grpcEndpoint"));
        s.put("state", Resources.text(view, "state"));
        s.put("timeouts", null);
        return s;
    }
}
