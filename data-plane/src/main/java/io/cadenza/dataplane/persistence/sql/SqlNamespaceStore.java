package io.cadenza.dataplane.persistence.sql;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.dataplane.namespace.Namespace;
import io.cadenza.dataplane.namespace.NamespaceStore;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

@ApplicationScoped
public class SqlNamespaceStore implements NamespaceStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REGISTERED = 1;

    private final Pool pool;

    public SqlNamespaceStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletionStage<Boolean> create(Namespace ns) {
        return pool.preparedQuery("INSERT INTO namespaces (id, name, state, description, owner_email, "
                        + "retention_seconds, data, created_at, updated_at, search_attributes) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                        + "ON CONFLICT (name) DO NOTHING")
                .execute(Tuple.from(new Object[]{ns.id(), ns.name(), REGISTERED, ns.description(), ns.ownerEmail(),
                        ns.retentionMillis() / 1000, json(ns.data()), SqlSupport.time(ns.createdAtMillis()),
                        SqlSupport.time(ns.updatedAtMillis()), json(types(ns))}))
                .map(rows -> rows.rowCount() == 1)
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Void> update(Namespace ns) {
        return pool.preparedQuery("UPDATE namespaces SET description = $2, owner_email = $3, retention_seconds = $4, "
                        + "data = $5, updated_at = $6, search_attributes = $7 WHERE id = $1")
                .execute(Tuple.of(ns.id(), ns.description(), ns.ownerEmail(), ns.retentionMillis() / 1000,
                        json(ns.data()), SqlSupport.time(ns.updatedAtMillis()), json(types(ns))))
                .<Void>mapEmpty()
                .toCompletionStage();
    }

    @Override
    public CompletionStage<List<Namespace>> list() {
        return pool.query("SELECT id, name, description, owner_email, retention_seconds, data, created_at, updated_at, "
                        + "search_attributes FROM namespaces ORDER BY name")
                .execute()
                .map(rows -> {
                    List<Namespace> result = new ArrayList<>();
                    for (Row r : rows) {
                        result.add(new Namespace(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                                r.getLong(4) * 1000, parse(r.getString(5)),
                                SqlSupport.millis(r.getOffsetDateTime(6)), SqlSupport.millis(r.getOffsetDateTime(7)),
                                attributeTypes(parse(r.getString(8)))));
                    }
                    return result;
                })
                .toCompletionStage();
    }

    private static Map<String, String> types(Namespace ns) {
        Map<String, String> out = new java.util.TreeMap<>();
        ns.searchAttributes().forEach((k, v) -> out.put(k, v.name()));
        return out;
    }

    private static Map<String, io.temporal.api.enums.v1.IndexedValueType> attributeTypes(Map<String, String> names) {
        Map<String, io.temporal.api.enums.v1.IndexedValueType> out = new java.util.HashMap<>();
        names.forEach((k, v) -> out.put(k, io.temporal.api.enums.v1.IndexedValueType.valueOf(v)));
        return out;
    }

    private static String json(Map<String, String> data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
