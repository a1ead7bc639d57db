package io.cadenza.terraform.cadenza;

import io.cadenza.terraform.framework.Attribute;
import io.cadenza.terraform.framework.Block;
import io.cadenza.terraform.framework.CtyType;
import io.cadenza.terraform.framework.DataSourceType;
import io.cadenza.terraform.framework.Diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Data source {@code cadenza_namespaces}: every namespace the API key may see, ordered by id. */
final class NamespacesDataSource implements DataSourceType {
    private final CadenzaProvider provider;
    private final Block schema = new Block("The namespaces of the account that the API key may see.", 0,
            Attribute.computed("id", CtyType.STRING).describe("Always 'namespaces'"),
            Attribute.computed("namespaces", CtyType.list(CtyType.object(NamespaceDataSource.FIELDS))));

    NamespacesDataSource(CadenzaProvider provider) {
        this.provider = provider;
    }

    @Override
    public String typeName() {
        return "cadenza_namespaces";
    }

    @Override
    public Block schema() {
        return schema;
    }

    @Override
    public Map<String, Object> read(Map<String, Object> config, Diagnostics d) {
        try {
            List<Object> namespaces = new ArrayList<>();
            provider.api().list("/namespaces").forEach(view -> namespaces.add(NamespaceDataSource.value(view)));
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", "namespaces");
            v.put("namespaces", namespaces);
            return v;
        } catch (ApiException e) {
            Resources.report(d, "list namespaces", e, Map.of());
            return null;
        }
    }
}
