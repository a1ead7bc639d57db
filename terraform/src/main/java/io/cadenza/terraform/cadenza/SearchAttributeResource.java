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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code cadenza_namespace_search_attribute}: one custom search attribute of a namespace, id
 * {@code <namespaceId>/<name>}. The REST API keeps a namespace's attributes as one map that PATCH replaces, so
 * changes read the map, edit it and write it back, one at a time per namespace within this provider process
 * (Terraform runs resources in parallel). Removing an entry removes the attribute on the cell.
 */
final class SearchAttributeResource implements ResourceType {
    static final Set<String> TYPES = Set.of("Keyword", "Text", "Int", "Double", "Bool", "Datetime", "KeywordList");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Map<String, String> FIELDS = Map.of("searchAttributes", "name");

    private final CadenzaProvider provider;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Block schema = new Block("A custom search attribute of a namespace.", 0,
            Attribute.computed("id", CtyType.STRING).useStateForUnknown().describe("<namespace_id>/<name>"),
            Attribute.required("namespace_id", CtyType.STRING).requiresReplace(),
            Attribute.required("name", CtyType.STRING).requiresReplace()
                    .validate(Resources.matches(NAME, "must be 1-64 letters, digits or '_', starting with a letter")),
            Attribute.required("type", CtyType.STRING).requiresReplace()
                    .validate(Resources.oneOf(TYPES, "Keyword, Text, Int, Double, Bool, Datetime, KeywordList"))
                    .describe("Temporal's type name"));

    SearchAttributeResource(CadenzaProvider provider) {
        this.provider = provider;
    }

    @Override
    public String typeName() {
        return "cadenza_namespace_search_attribute";
    }

    @Override
    public Block schema() {
        return schema;
    }

    @Override
    public Map<String, Object> create(Map<String, Object> planned, Diagnostics d) {
        String ns = (String) planned.get("namespace_id");
        String name = (String) planned.get("name");
        String type = (String) planned.get("type");
        boolean done = edit(ns, "add search attribute " + name, d, attributes -> {
            JsonNode existing = attributes.get(name);
            if (existing != null && !existing.asText().equals(type)) {
                d.attributeError("type", "Search attribute " + name + " already exists",
                        "Namespace " + ns + " already defines " + name + " as " + existing.asText()
                                + "; import it or choose another name.");
                return false;
            }
            attributes.put(name, type);
            return true;
        });
        return done ? state(ns, name, type) : null;
    }

    @Override
    public Map<String, Object> read(Map<String, Object> state, Diagnostics d) {
        String id = (String) state.get("id");
        int slash = id.lastIndexOf('/');
        String ns = id.substring(0, slash);
        String name = id.substring(slash + 1);
        try {
            JsonNode view = provider.api().get("/namespaces/" + CadenzaApi.path(ns));
            JsonNode type = view.path("searchAttributes").get(name);
            if (type == null || "deleting".equals(view.path("state").asText())) {
                return null;
            }
            return state(ns, name, type.asText());
        } catch (ApiException e) {
            if (e.notFound()) {
                return null;
            }
            Resources.report(d, "read search attribute " + id, e, FIELDS);
            return state;
        }
    }

    @Override
    public Map<String, Object> update(Map<String, Object> prior, Map<String, Object> planned, Diagnostics d) {
        return planned; // every attribute requires replacement: nothing changes in place
    }

    @Override
    public void delete(Map<String, Object> prior, Diagnostics d) {
        String ns = (String) prior.get("namespace_id");
        String name = (String) prior.get("name");
        edit(ns, "remove search attribute " + name, d, attributes -> attributes.remove(name) != null);
    }

    @Override
    public Map<String, Object> importState(String id, Diagnostics d) {
        int slash = id.lastIndexOf('/');
        if (slash <= 0 || slash == id.length() - 1) {
            d.error("Invalid import id", "Import a search attribute as NAMESPACE_ID/NAME, e.g. "
                    + "orders.ab3x9/CustomerId (got '" + id + "').");
            return null;
        }
        Map<String, Object> state = schema.emptyValue();
        state.put("id", id);
        return state;
    }

    /** Read-modify-write of the namespace's attribute map; the edit returns false when nothing is to be written. */
    private boolean edit(String ns, String action, Diagnostics d, Function<ObjectNode, Boolean> change) {
        synchronized (locks.computeIfAbsent(ns, k -> new Object())) {
            try {
                JsonNode view = provider.api().get("/namespaces/" + CadenzaApi.path(ns));
                ObjectNode attributes = view.path("searchAttributes").isObject()
                        ? ((ObjectNode) view.path("searchAttributes")).deepCopy() : CadenzaApi.object();
                if (!change.apply(attributes)) {
                    return !d.hasErrors();
                }
                provider.api().patch("/namespaces/" + CadenzaApi.path(ns),
                        CadenzaApi.object().set("searchAttributes", attributes));
                return true;
            } catch (ApiException e) {
                if (e.notFound() && action.startsWith("remove")) {
                    return true; // the namespace is gone, and its attributes with it
                }
                Resources.report(d, action + " on namespace " + ns, e, FIELDS);
                return false;
            }
        }
    }

    private static Map<String, Object> state(String ns, String name, String type) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", ns + "/" + name);
        s.put("namespace_id", ns);
        s.put("name", name);
        s.put("type", type);
        return s;
    }
}
