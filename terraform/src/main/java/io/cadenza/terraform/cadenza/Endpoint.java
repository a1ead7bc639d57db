package io.cadenza.terraform.cadenza;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cadenza.terraform.framework.Diagnostics;

import java.util.Map;
import java.util.function.Function;

/**
 * One collection of the public REST API ({@code /users}, {@code /api-keys}, ...) as a resource uses it. It holds the
 * rules every resource follows, once:
 * <ul>
 *   <li>a failed call becomes diagnostics naming the action and the object (field errors on their attribute);</li>
 *   <li>read: an object that no longer exists is {@code null} (Terraform plans it again); any other failure keeps
 *       the prior state, so a passing outage never drops a resource from state;</li>
 *   <li>delete: an object already gone is deleted;</li>
 *   <li>create and update send nothing once planning found errors.</li>
 * </ul>
 */
final class Endpoint {
    private final CadenzaProvider provider;
    private final String collection;
    private final String noun;
    private final Map<String, String> fields;

    /**
     * @param collection the collection's path under {@code /api/v1}, e.g. {@code /users}
     * @param noun how diagnostics name one object, e.g. {@code user}
     * @param fields REST field name -> attribute name, to place field errors on their attribute
     */
    Endpoint(CadenzaProvider provider, String collection, String noun, Map<String, String> fields) {
        this.provider = provider;
        this.collection = collection;
        this.noun = noun;
        this.fields = fields;
    }

    String path(String id) {
        return collection + "/" + CadenzaApi.path(id);
    }

    /** POSTs to the collection; the answer, or {@code null} after reporting why not. */
    JsonNode create(ObjectNode body, Diagnostics d) {
        if (d.hasErrors()) {
            return null;
        }
        try {
            return provider.api().post(collection, body);
        } catch (ApiException e) {
            report(d, "create " + noun, e);
            return null;
        }
    }

    /** The object's state now; {@code null} if it is gone; the prior state if it could not be read. */
    Map<String, Object> read(Map<String, Object> prior, Function<JsonNode, Map<String, Object>> toState,
                             Diagnostics d) {
        String id = (String) prior.get("id");
        try {
            return toState.apply(provider.api().get(path(id)));
        } catch (ApiException e) {
            if (e.notFound()) {
                return null;
            }
            report(d, "read " + noun + " " + id, e);
            return prior;
        }
    }

    /** PATCHes the object with the changed fields; its new state, or {@code null} after reporting why not. */
    Map<String, Object> patch(Map<String, Object> prior, ObjectNode body,
                              Function<JsonNode, Map<String, Object>> toState, Diagnostics d) {
        if (d.hasErrors()) {
            return null;
        }
        String id = (String) prior.get("id");
        try {
            return toState.apply(body.isEmpty() ? provider.api().get(path(id)) : provider.api().patch(path(id), body));
        } catch (ApiException e) {
            report(d, "update " + noun + " " + id, e);
            return null;
        }
    }

    /** DELETEs the object; true if it is gone (deleted now or before), false after reporting why not. */
    boolean delete(Map<String, Object> prior, Diagnostics d) {
        String id = (String) prior.get("id");
        try {
            provider.api().delete(path(id));
            return true;
        } catch (ApiException e) {
            if (e.notFound()) {
                return true;
            }
            report(d, "delete " + noun + " " + id, e);
            return false;
        }
    }

    void report(Diagnostics d, String action, ApiException e) {
        Resources.report(d, action, e, fields);
    }
}
