package io.cadenza.terraform.cadenza;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cadenza.terraform.framework.Attribute;
import io.cadenza.terraform.framework.Block;
import io.cadenza.terraform.framework.CtyType;
import io.cadenza.terraform.framework.Diagnostics;
import io.cadenza.terraform.framework.ResourceType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code cadenza_service_account}: a machine identity of the account (id: the API's id). */
final class ServiceAccountResource implements ResourceType {
    static final Set<String> ROLES = Set.of("admin", "developer", "finance-admin", "read-only");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,31}");
    private static final Map<String, String> FIELDS = Map.of("name", "name", "description", "description",
            "accountRole", "account_role", "namespaceAccesses", "namespace_accesses");

    private final Endpoint endpoint;
    private final Block schema = new Block("A service account: an identity for machines, with API keys.", 0,
            Attribute.computed("id", CtyType.STRING).useStateForUnknown(),
            Attribute.required("name", CtyType.STRING).requiresReplace()
                    .validate(Resources.matches(NAME, "must be 2-32 lowercase letters, digits or hyphens, starting "
                            + "with a letter")),
            Attribute.optional("description", CtyType.STRING),
            Attribute.required("account_role", CtyType.STRING)
                    .validate(Resources.oneOf(ROLES, "admin, developer, finance-admin, read-only")),
            Attribute.optional("namespace_accesses", Resources.ACCESSES).validate(Resources::checkAccesses)
                    .describe("Set of {namespace_id, permission = read|write|admin}"),
            Attribute.computed("client_id", CtyType.STRING).useStateForUnknown()
                    .describe("Keycloak client id for the client-credentials grant"));

    ServiceAccountResource(CadenzaProvider provider) {
        this.endpoint = new Endpoint(provider, "/service-accounts", "service account", FIELDS);
    }

    @Override
    public String typeName() {
        return "cadenza_service_account";
    }

    @Override
    public Block schema() {
        return schema;
    }

    @Override
    public Map<String, Object> create(Map<String, Object> planned, Diagnostics d) {
        ObjectNode body = CadenzaApi.object()
                .put("name", (String) planned.get("name"))
                .put("accountRole", (String) planned.get("account_role"));
        if (planned.get("description") instanceof String s) {
            body.put("description", s);
        }
        body.set("namespaceAccesses", Resources.accessMap(planned.get("namespace_accesses"), d));
        JsonNode created = endpoint.create(body, d);
        return created == null ? null : state(created.path("serviceAccount"));
    }

    @Override
    public Map<String, Object> read(Map<String, Object> state, Diagnostics d) {
        return endpoint.read(state, ServiceAccountResource::state, d);
    }

    @Override
    public Map<String, Object> update(Map<String, Object> prior, Map<String, Object> planned, Diagnostics d) {
        ObjectNode body = CadenzaApi.object();
        Resources.ifChanged(prior, planned, "description", v -> body.put("description", v == null ? "" : (String) v));
        Resources.ifChanged(prior, planned, "account_role", v -> body.put("accountRole", (String) v));
        Resources.ifChanged(prior, planned, "namespace_accesses",
                v -> body.set("namespaceAccesses", Resources.accessMap(v, d)));
        return endpoint.patch(prior, body, ServiceAccountResource::state, d);
    }

    @Override
    public void delete(Map<String, Object> prior, Diagnostics d) {
        endpoint.delete(prior, d);
    }

    static Map<String, Object> state(JsonNode view) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", Resources.text(view, "id"));
        s.put("name", Resources.text(view, "name"));
        s.put("description", Resources.text(view, "description"));
        s.put("account_role", Resources.text(view, "accountRole"));
        s.put("namespace_accesses", Resources.accesses(view.path("namespaceAccesses")));
        s.put("client_id", Resources.text(view, "clientId"));
        return s;
    }
}
