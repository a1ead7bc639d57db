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

/**
 * {@code cadenza_apikey}: an API key of a user or service account. Its token exists only in the create response,
 * so it lives in the state (sensitive) and the resource cannot be imported.
 */
final class ApiKeyResource implements ResourceType {
    private static final Map<String, String> FIELDS = Map.of("displayName", "display_name",
            "description", "description", "expiryTime", "expiry_time", "ownerType", "owner_type",
            "ownerId", "owner_id", "disabled", "disabled");

    private final Endpoint endpoint;
    private final Block schema = new Block("An API key (Authorization: Bearer <token>) for SDKs and the REST API.", 0,
            Attribute.computed("id", CtyType.STRING).useStateForUnknown(),
            Attribute.required("display_name", CtyType.STRING),
            Attribute.optional("description", CtyType.STRING),
            Attribute.required("owner_type", CtyType.STRING).requiresReplace()
                    .validate(Resources.oneOf(Set.of("user", "service-account"), "user, service-account")),
            Attribute.required("owner_id", CtyType.STRING).requiresReplace()
                    .describe("Id of the user or service account"),
            Attribute.required("expiry_time", CtyType.STRING).requiresReplace()
                    .validate(Resources::checkInstant).equivalentWhen(Resources::sameInstant)
                    .describe("RFC 3339, in the future and at most 2 years ahead"),
            Attribute.optionalComputed("disabled", CtyType.BOOL).defaultValue(Boolean.FALSE),
            Attribute.computed("token", CtyType.STRING).sensitive().useStateForUnknown()
                    .describe("The key (cdz_...): known only at creation"),
            Attribute.computed("state", CtyType.STRING).describe("active, disabled or expired"));

    ApiKeyResource(CadenzaProvider provider) {
        this.endpoint = new Endpoint(provider, "/api-keys", "API key", FIELDS);
    }

    @Override
    public String typeName() {
        return "cadenza_apikey";
    }

    @Override
    public Block schema() {
        return schema;
    }

    @Override
    public Map<String, Object> create(Map<String, Object> planned, Diagnostics d) {
        ObjectNode body = CadenzaApi.object()
                .put("displayName", (String) planned.get("display_name"))
                .put("expiryTime", (String) planned.get("expiry_time"))
                .put("ownerType", (String) planned.get("owner_type"))
                .put("ownerId", (String) planned.get("owner_id"));
        if (planned.get("description") instanceof String s) {
            body.put("description", s);
        }
        JsonNode created = endpoint.create(body, d);
        if (created == null) {
            return null;
        }
        String token = created.path("token").asText();
        Map<String, Object> state = state(created.path("apiKey"), token);
        if (!Boolean.TRUE.equals(planned.get("disabled"))) {
            return state;
        }
        // Created enabled; if disabling fails, the key is kept in state with the error, so Terraform taints it
        // (replaced at the next apply) instead of losing track of a live key.
        Map<String, Object> disabled = endpoint.patch(state, CadenzaApi.object().put("disabled", true),
                view -> state(view, token), d);
        return disabled == null ? state : disabled;
    }

    @Override
    public Map<String, Object> read(Map<String, Object> state, Diagnostics d) {
        return endpoint.read(state, view -> state(view, (String) state.get("token")), d);
    }

    @Override
    public Map<String, Object> update(Map<String, Object> prior, Map<String, Object> planned, Diagnostics d) {
        ObjectNode body = CadenzaApi.object();
        Resources.ifChanged(prior, planned, "display_name", v -> body.put("displayName", (String) v));
        Resources.ifChanged(prior, planned, "description", v -> body.put("description", v == null ? "" : (String) v));
        Resources.ifChanged(prior, planned, "disabled", v -> body.put("disabled", Boolean.TRUE.equals(v)));
        return endpoint.patch(prior, body, view -> state(view, (String) prior.get("token")), d);
    }

    @Override
    public void delete(Map<String, Object> prior, Diagnostics d) {
        endpoint.delete(prior, d);
    }

    @Override
    public Map<String, Object> importState(String id, Diagnostics d) {
        d.error("cadenza_apikey cannot be imported", "An API key's token is shown only once, when it is created, "
                + "so Terraform could never know it. Create a new key with Terraform and delete the old one.");
        return null;
    }

    private static Map<String, Object> state(JsonNode view, String token) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", Resources.text(view, "id"));
        s.put("display_name", Resources.text(view, "displayName"));
        s.put("description", Resources.text(view, "description"));
        s.put("owner_type", Resources.text(view, "ownerType"));
        s.put("owner_id", Resources.text(view, "ownerId"));
        s.put("expiry_time", Resources.text(view, "expiryTime"));
        s.put("disabled", view.path("disabled").asBoolean());
        s.put("token", token);
        s.put("state", view.path("expired").asBoolean() ? "expired"
                : view.path("disabled").asBoolean() ? "disabled" : "active");
        return s;
    }
}
