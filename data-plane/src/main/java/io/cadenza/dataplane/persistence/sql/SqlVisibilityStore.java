package io.cadenza.dataplane.persistence.sql;

import io.cadenza.dataplane.common.Protos;
import io.cadenza.dataplane.persistence.VisibilityStore;
import io.cadenza.dataplane.visibility.KeysetPaging;
import io.cadenza.dataplane.visibility.PageToken;
import io.cadenza.dataplane.visibility.SqlFilter;
import io.cadenza.dataplane.visibility.SqlFragment;
import io.cadenza.dataplane.visibility.VisibilityQueryTranslator;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@link VisibilityStore} as indexed SQL over {@code executions}: the list filter is translated by
 * {@link io.cadenza.dataplane.visibility.VisibilityQueryTranslator}; pages continue by keyset (sort time, run id),
 * so a deep page costs what the first one does.
 */
public class SqlVisibilityStore implements VisibilityStore {

    private static final String COLUMNS = "workflow_id, run_id, workflow_type, task_queue, status, start_time, "
            + "execution_time, close_time, history_length, memo, search_attributes::text, execution_duration_ms, "
            + "parent_workflow_id, root_workflow_id";

    private final Pool pool;

    public SqlVisibilityStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletionStage<Page> list(String namespaceId, String query, Map<String, IndexedValueType> types,
                                      PageToken after, int pageSize) {
        SqlFilter filter = VisibilityQueryTranslator.forList(query, types, 2);
        List<Object> params = new ArrayList<>();
        params.add(namespaceId);
        params.addAll(filter.params());
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
                .append(" FROM executions WHERE namespace_id = $1 AND ").append(filter.where());
        if (after != null) {
            SqlFragment continuation = KeysetPaging.after(filter, after, params.size() + 1);
            sql.append(" AND ").append(continuation.sql());
            params.addAll(continuation.params());
        }
        sql.append(" ORDER BY ").append(filter.orderBy()).append(" LIMIT ").append(pageSize + 1);
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
            List<WorkflowExecutionInfo> out = new ArrayList<>();
            PageToken next = null;
            int i = 0;
            for (Row r : rows) {
                if (i++ == pageSize) {
                    WorkflowExecutionInfo last = out.get(out.size() - 1);
                    var order = filter.sortOrder();
                    OffsetDateTime sortTime = switch (order.attribute()) {
                        case "CloseTime" -> last.hasCloseTime() ? time(last.getCloseTime()) : null;
                        case "ExecutionTime" -> time(last.getExecutionTime());
                        default -> time(last.getStartTime());
                    };
                    next = new PageToken(order, sortTime, last.getExecution().getRunId());
                    break;
                }
                out.add(info(r, types));
            }
            return new Page(out, next);
        }).toCompletionStage();
    }

    @Override
    public CompletionStage<Count> count(String namespaceId, String query, Map<String, IndexedValueType> types) {
        SqlFilter filter = VisibilityQueryTranslator.forCount(query, types, 2);
        List<Object> params = new ArrayList<>();
        params.add(namespaceId);
        params.addAll(filter.params());
        String sql = filter.groupByStatus()
                ? "SELECT status, count(*) FROM executions WHERE namespace_id = $1 AND " + filter.where()
                + " GROUP BY status ORDER BY status"
                : "SELECT -1, count(*) FROM executions WHERE namespace_id = $1 AND " + filter.where();
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> counts(rows, filter))
                .toCompletionStage();
    }

    /** Rows of (status or -1, count) as a {@link Count}. */
    static Count counts(Iterable<Row> rows, SqlFilter filter) {
        Map<Integer, Long> byStatus = new LinkedHashMap<>();
        long total = 0;
        for (Row r : rows) {
            total += r.getLong(1);
            if (filter.groupByStatus()) {
                byStatus.put(r.getInteger(0), r.getLong(1));
            }
        }
        return new Count(total, byStatus);
    }

    private static WorkflowExecutionInfo info(Row r, Map<String, IndexedValueType> types) {
        WorkflowExecutionInfo.Builder b = WorkflowExecutionInfo.newBuilder()
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(r.getString(0)).setRunId(r.getString(1)))
                .setType(WorkflowType.newBuilder().setName(r.getString(2)))
                .setTaskQueue(r.getString(3))
                .setStatus(WorkflowExecutionStatus.forNumber(r.getInteger(4)))
                .setStartTime(Protos.timestamp(SqlSupport.millis(r.getOffsetDateTime(5))))
                .setExecutionTime(Protos.timestamp(SqlSupport.millis(r.getOffsetDateTime(6))))
                .setHistoryLength(r.getLong(8))
                .setSearchAttributes(searchAttributes(r.getString(10), types));
        if (r.getOffsetDateTime(7) != null) {
            b.setCloseTime(Protos.timestamp(SqlSupport.millis(r.getOffsetDateTime(7))));
        }
        if (r.getBuffer(9) != null) {
            b.setMemo(Protos.parse(Memo.parser(), r.getBuffer(9).getBytes(), Memo.getDefaultInstance()));
        }
        if (r.getLong(11) != null) {
            b.setExecutionDuration(Protos.duration(r.getLong(11)));
        }
        if (r.getString(12) != null) {
            b.setParentExecution(WorkflowExecution.newBuilder().setWorkflowId(r.getString(12)));
        }
        if (r.getString(13) != null) {
            b.setRootExecution(WorkflowExecution.newBuilder().setWorkflowId(r.getString(13)));
        }
        return b.build();
    }

    /** The stored JSON back as Temporal payloads (json/plain, with the attribute's type in the metadata). */
    static SearchAttributes searchAttributes(String json, Map<String, IndexedValueType> types) {
        if (json == null || json.equals("{}")) {
            return SearchAttributes.getDefaultInstance();
        }
        SearchAttributes.Builder b = SearchAttributes.newBuilder();
        new JsonObject(json).forEach(e -> {
            IndexedValueType type = types.getOrDefault(e.getKey(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
            String value = io.vertx.core.json.Json.encode(e.getValue());
            b.putIndexedFields(e.getKey(), Payload.newBuilder()
                    .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
                    .putMetadata("type", com.google.protobuf.ByteString.copyFromUtf8(
                            io.cadenza.dataplane.visibility.SearchAttributeDefinitions.typeName(type)))
                    .setData(com.google.protobuf.ByteString.copyFrom(value, StandardCharsets.UTF_8))
                    .build());
        });
        return b.build();
    }

    private static OffsetDateTime time(com.google.protobuf.Timestamp t) {
        return SqlSupport.time(Protos.millis(t));
    }
}
