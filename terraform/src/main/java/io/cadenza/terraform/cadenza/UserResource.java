package io.cadenza.terraform.cadenza;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cadenza.terraform.framework.Attribute;
import io.cadenza.terraform.framework.Block;
import io.cadenza.terraform.framework.CtyType;
import io.cadenza.terraform.framework.Diagnostics;
import io.cadenza.terraform.framework.ResourceType;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code cadenza_user}: a person of the account (a Keycloak user whose username is the email). The email is
 * compared without letter case, as Keycloak does.
 */
final class UserResource implements ResourceType {
    static final Set<String> ROLES = Set.of("owner", "admin", "developer", "finance-admin", "read-only");
    private static final Map<String, String> FIELDS = Map.of("email", "email", "accountRole", "account_role",
            "namespaceAccesses", "namespace_accesses", "groups", "groups");

    private final Endpoint endpoint;
    private final Block schema = new Block("A user of the account.", 0,
            Attribute.computed("id", CtyType.STRING).useStateForUnknown(),
            Attribute.required("email", CtyType.STRING).requiresReplace()
                    .equivalentWhen((a, b) -> ((String) a).equalsIgnoreCase((String) b))
                    .validate(v -> ((String) v).contains("@") ? null : "must be an email address (got '" + v + "')"),
            Attribute.required("account_role", CtyType.STRING)
                    .validate(Resources.oneOf(ROLES, "owner, admin, developer, finance-admin, read-only")),
            Attribute.optional("namespace_accesses", Resources.ACCESSES).validate(Resources::checkAccesses)
                    .describe("Set of {namespace_id, permission = read|write|admin}"),
            Attribute.optional("groups", CtyType.set(CtyType.STRING))
                    .describe("Business groups (e.g. managers) that approval tasks name as candidateGroups"),
            Attribute.computed("temporary_password", CtyType.STRING).sensitive().useStateForUnknown()
                    .describe("The generated first password, known only at creation"));

    UserResource(CadenzaProvider provider) {
        this.endpoint = new Endpoint(provider, "/users", "user", FIELDS);
    }

    @Override
    public String typeName() {
        return "cadenza_user";
    }

    @Override
    public Block schema() {
        return schema;
    }

    @Override
    public Map<String, Object> create(Map<String, Object> planned, Diagnostics d) {
        ObjectNode body = CadenzaApi.object()
                .put("email", (String) planned.get("email"))
                .put("accountRole", (String) planned.get("account_role"));
        body.set("namespaceAccesses", Resources.accessMap(planned.get("namespace_accesses"), d));
        body.set("groups", groups(planned.get("groups")));
        JsonNode invited = endpoint.create(body, d);
        return invited == null ? null : state(invited.path("user"), Resources.text(invited, "temporaryPassword"));
    }

    @Override
    public Map<String, Object> read(Map<String, Object> state, Diagnostics d) {
        return endpoint.read(state, view -> state(view, (String) state.get("temporary_password")), d);
    }

    @Override
    public Map<String, Object> update(Map<String, Object> prior, Map<String, Object> planned, Diagnostics d) {
        ObjectNode body = CadenzaApi.object();
        Resources.ifChanged(prior, planned, "account_role", v -> body.put("accountRole", (String) v));
        Resources.ifChanged(prior, planned, "namespace_accesses",
                v -> body.set("namespaceAccesses", Resources.accessMap(v, d)));
        Resources.ifChanged(prior, planned, "groups", v -> body.set("groups", groups(v)));
        return endpoint.patch(prior, body, view -> state(view, (String) prior.get("temporary_password")), d);
    }

    @Override
    public void delete(Map<String, Object> prior, Diagnostics d) {
        endpoint.delete(prior, d);
    }

    private static ArrayNode groups(Object value) {
        ArrayNode array = CadenzaApi.JSON.createArrayNode();
        if (value instanceof Set<?> set) {
            set.forEach(g -> array.add((String) g));
        }
        return array;
    }

    private static Map<String, Object> state(JsonNode view, String temporaryPassword) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", Resources.text(view, "id"));
        s.put("email", Resources.text(view, "email"));
        s.put("account_role", Resources.text(view, "accountRole"));
        s.put("namespace_accesses", Resources.accesses(view.path("namespaceAccesses")));
        Set<Object> groups = new LinkedHashSet<>();
        view.path("groups").forEach(g -> groups.add(g.asText()));
        s.put("groups", groups);
        s.put("temporary_password", temporaryPassword);
        return s;
    }
}
