package io.cadenza.billing.store;

import io.cadenza.billing.pricing.Invoice;
import io.cadenza.billing.pricing.InvoiceLine;
import io.cadenza.billing.pricing.UsageType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finalized invoices: inserted once, never updated. */
@ApplicationScoped
public class InvoiceStore {

    public Uni<List<String>> accountsWithOpenMonthBefore(SqlClient db, YearMonth month) {
        return db.preparedQuery("SELECT account_id FROM billing_account WHERE first_open_month < $1 "
                        + "ORDER BY account_id")
                .execute(Tuple.of(month.atDay(1)))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getString(0)));
                    return ids;
                });
    }

    /** Locks the account's row against concurrent ingestion (which reads it FOR SHARE) until the commit. */
    public Uni<YearMonth> lockFirstOpenMonth(SqlConnection conn, String accountId) {
        return conn.preparedQuery("SELECT first_open_month FROM billing_account WHERE account_id = $1 FOR UPDATE")
                .execute(Tuple.of(accountId))
                .map(rows -> YearMonth.from(rows.iterator().next().getLocalDate(0)));
    }

    public Uni<Void> setFirstOpenMonth(SqlConnection conn, String accountId, YearMonth month) {
        return conn.preparedQuery("UPDATE billing_account SET first_open_month = $2 WHERE account_id = $1")
                .execute(Tuple.of(accountId, month.atDay(1))).replaceWithVoid();
    }

    /** Numbers the draft ({@code <prefix>-<year>-<sequence>}) and stores it with its lines. */
    public Uni<Invoice> insertFinalized(SqlConnection conn, Invoice draft, Instant now, String prefix) {
        return conn.query("SELECT coalesce(max(sequence), 0) + 1 FROM invoice").execute().chain(rows -> {
            long sequence = rows.iterator().next().getLong(0);
            String number = String.format("%s-%d-%06d", prefix, draft.month().getYear(), sequence);
            Invoice done = new Invoice(draft.id(), number, draft.accountId(), draft.month(),
                    Invoice.Status.FINALIZED, draft.lines(), draft.total(), now);
            List<Tuple> lines = new ArrayList<>();
            for (int i = 0; i < draft.lines().size(); i++) {
                InvoiceLine l = draft.lines().get(i);
                lines.add(Tuple.tuple(java.util.Arrays.asList(draft.id(), i + 1, l.kind().name(), l.description(),
                        l.namespaceId(), l.type() == null ? null : l.type().name(), l.quantity(), l.unit(),
                        l.amount())));
            }
            Uni<Void> header = conn.preparedQuery("INSERT INTO invoice (invoice_id, account_id, month, sequence, "
                            + "number, total, finalized_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                    .execute(Tuple.tuple(java.util.Arrays.asList(draft.id(), draft.accountId(),
                            draft.month().atDay(1), sequence, number, draft.total(), BillingReads.utc(now))))
                    .replaceWithVoid();
            Uni<Void> body = lines.isEmpty() ? Uni.createFrom().voidItem()
                    : conn.preparedQuery("INSERT INTO invoice_line (invoice_id, line_no, kind, description, "
                                    + "namespace_id, usage_type, quantity, unit, amount) "
                                    + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                            .executeBatch(lines).replaceWithVoid();
            return header.chain(() -> body).replaceWith(done);
        });
    }

    /** Finalized invoices of an account, newest first, without lines. */
    public Uni<List<Invoice>> finalized(SqlClient db, String accountId) {
        return db.preparedQuery("SELECT invoice_id, number, month, total, finalized_at FROM invoice "
                        + "WHERE account_id = $1 ORDER BY month DESC")
                .execute(Tuple.of(accountId))
                .map(rows -> {
                    List<Invoice> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(header(r, accountId, List.of()));
                    }
                    return list;
                });
    }

    public Uni<Optional<Invoice>> finalizedWithLines(SqlClient db, String invoiceId) {
        return db.preparedQuery("SELECT invoice_id, number, month, total, finalized_at, account_id FROM invoice "
                        + "WHERE invoice_id = $1")
                .execute(Tuple.of(invoiceId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<Invoice>empty());
                    }
                    Row h = rows.iterator().next();
                    return db.preparedQuery("SELECT kind, description, namespace_id, usage_type, quantity, unit, "
                                    + "amount FROM invoice_line WHERE invoice_id = $1 ORDER BY line_no")
                            .execute(Tuple.of(invoiceId))
                            .map(lineRows -> {
                                List<InvoiceLine> lines = new ArrayList<>();
                                for (Row r : lineRows) {
                                    String type = r.getString(3);
                                    lines.add(new InvoiceLine(InvoiceLine.Kind.valueOf(r.getString(0)),
                                            r.getString(1), r.getString(2), type == null ? null
                                            : UsageType.valueOf(type), r.getBigDecimal(4).stripTrailingZeros(),
                                            r.getString(5), r.getBigDecimal(6)));
                                }
                                return Optional.of(header(h, h.getString(5), lines));
                            });
                });
    }

    private static Invoice header(Row r, String accountId, List<InvoiceLine> lines) {
        return new Invoice(r.getString(0), r.getString(1), accountId, YearMonth.from(r.getLocalDate(2)),
                Invoice.Status.FINALIZED, lines, r.getBigDecimal(3), r.getOffsetDateTime(4).toInstant());
    }
}
