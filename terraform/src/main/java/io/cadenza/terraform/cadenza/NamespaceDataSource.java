package io.cadenza.terraform.cadenza;

import io.cadenza.terraform.framework.Attribute;
import io.cadenza.terraform.framework.Block;
import io.cadenza.terraform.framework.CtyType;
import io.cadenza.terraform.framework.DataSourceType;
import io.cadenza.terraform.framework.Diagnostics;

import java.util.LinkedHashMap;
import java.util.Map;

/** Data source {@code cadenza_namespace}: one namespace by id. */
final class NamespaceDataSource implements DataSourceType {
    static final Map<String, CtyType> FIELDS = namespaceFields();

    private final CadenzaProvider provider;
    private final Block schema;

    NamespaceDataSource(CadenzaProvider provider) {
        this.provider = provider;
        Attribute[] attributes = FIELDS.entrySet().stream()
                .map(e -> e.getKey().equals("id") ? Attribute.required("id", CtyType.STRING).describe(
                        "<name>.<accountId>") : Attribute.computed(e.getKey(), e.getValue()))
                .toArray(Attribute[]::new);
        this.schema = new Block("A namespace of the account, by id.", 0, attributes);
    }

    static Map<String, CtyType> namespaceFields() {
        Map<String, CtyType> f = new LinkedHashMap<>();
        f.put("id", CtyType.STRING);
        f.put("name", CtyType.STRING);
        f.put("retention_days", CtyType.NUMBER);
        f.put("delete_protection", CtyType.BOOL);
        f.put("cell", CtyType.STRING);
        f.put("actions_per_second", CtyType.NUMBER);
        f.put("requests_per_second", CtyType.NUMBER);
        f.put("grpc_endpoint", CtyType.STRING);
        f.put("state", CtyType.STRING);
        f.put("search_attributes", CtyType.map(CtyType.STRING));
        return f;
    }

    static Map<String, Object> value(com.fasterxml.jackson.databind.JsonNode view) {
        Map<String, Object> v = NamespaceResource.state(view);
        v.remove("timeouts");
        Map<String, Object> attributes = new LinkedHashMap<>();
        view.path("searchAttributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        v.put("search_attributes", attributes);
        return v;
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
    public Map<String, Object> read(Map<String, Object> config, Diagnostics d) {
        String id = (String) config.get("id");
        try {
            return value(provider.api().get("/namespaces/" + CadenzaApi.path(id)));
        } catch (ApiException e) {
            Resources.report(d, "read namespace " + id, e, Map.of());
            return null;
        }
    }
}
