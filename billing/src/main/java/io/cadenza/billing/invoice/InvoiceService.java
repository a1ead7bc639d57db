package io.cadenza.billing.invoice;

import io.cadenza.billing.config.BillingClock;
import io.cadenza.billing.config.BillingConfig;
import io.cadenza.billing.pricing.BillingCalendar;
import io.cadenza.billing.pricing.Invoice;
import io.cadenza.billing.pricing.InvoiceCalculator;
import io.cadenza.billing.pricing.InvoiceLine;
import io.cadenza.billing.pricing.PlanChange;
import io.cadenza.billing.pricing.PlanSchedule;
import io.cadenza.billing.pricing.PriceBook;
import io.cadenza.billing.store.BillingReads;
import io.cadenza.billing.store.InvoiceStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Drafts (computed live), finalization after a month closes, and reading invoices. */
@ApplicationScoped
public class InvoiceService {
    private static final Logger LOG = Logger.getLogger(InvoiceService.class);

    @Inject
    Pool pool;
    @Inject
    BillingReads reads;
    @Inject
    InvoiceStore invoices;
    @Inject
    InvoiceCalculator calculator;
    @Inject
    PriceBook prices;
    @Inject
    BillingClock clock;
    @Inject
    BillingConfig config;

    /** The invoice of {@code month} as it stands: usage of the month, plan fees and adjustments for late usage. */
    public Uni<Invoice> draft(SqlClient db, String accountId, YearMonth month) {
        return reads.planHistory(db, accountId).chain(history -> reads.monthUsage(db, accountId, month, month)
                .chain(usage -> {
                    InvoiceCalculator.PricedMonth priced = calculator.price(month,
                            PlanSchedule.segments(history, month, prices), usage);
                    return adjustments(db, accountId, month, history).map(adjustments -> {
                        List<InvoiceLine> lines = new ArrayList<>(priced.lines());
                        lines.addAll(adjustments);
                        BigDecimal total = lines.stream().map(InvoiceLine::amount).reduce(BigDecimal.ZERO,
                                BigDecimal::add).setScale(2);
                        return new Invoice(Invoice.idOf(accountId, month), null, accountId, month,
                                Invoice.Status.DRAFT, List.copyOf(lines), total, null);
                    });
                }));
    }

    private Uni<List<InvoiceLine>> adjustments(SqlClient db, String accountId, YearMonth billedMonth,
                                               List<PlanChange> history) {
        return reads.lateMonths(db, accountId, billedMonth).chain(late -> {
            if (late.isEmpty()) {
                return Uni.createFrom().item(List.<InvoiceLine>of());
            }
            return Multi.createFrom().iterable(late.entrySet())
                    .onItem().transformToUniAndConcatenate(entry -> adjustment(db, accountId, billedMonth, history,
                            entry))
                    .collect().asList();
        });
    }

    private Uni<InvoiceLine> adjustment(SqlClient db, String accountId, YearMonth billedMonth,
                                        List<PlanChange> history, Map.Entry<YearMonth, Long> late) {
        YearMonth closed = late.getKey();
        var segments = PlanSchedule.segments(history, closed, prices);
        return reads.monthUsage(db, accountId, closed, billedMonth.minusMonths(1))
                .chain(before -> reads.monthUsage(db, accountId, closed, billedMonth).map(after ->
                        InvoiceCalculator.adjustment(closed, calculator.price(closed, segments, before),
                                calculator.price(closed, segments, after), late.getValue())));
    }

    /** Finalized invoices, newest first, then the open months' drafts (the current month's is the estimate). */
    public Uni<List<Invoice>> list(String accountId) {
        YearMonth current = BillingCalendar.monthOf(clock.instant());
        return reads.firstOpenMonth(pool, accountId).chain(firstOpen -> invoices.finalized(pool, accountId)
                .chain(done -> {
                    List<YearMonth> open = new ArrayList<>();
                    for (YearMonth m = firstOpen == null ? current : firstOpen; !m.isAfter(current);
                         m = m.plusMonths(1)) {
                        open.add(m);
                    }
                    return Multi.createFrom().iterable(open)
                            .onItem().transformToUniAndConcatenate(m -> draft(pool, accountId, m))
                            .collect().asList()
                            .map(drafts -> {
                                List<Invoice> all = new ArrayList<>(drafts);
                                java.util.Collections.reverse(all);
                                all.addAll(done);
                                return all;
                            });
                }));
    }

    /** An invoice of the account; empty when it names another account or a month without an invoice. */
    public Uni<Optional<Invoice>> get(String accountId, String invoiceId) {
        Invoice.Ref ref = Invoice.parseId(invoiceId);
        if (ref == null || !ref.accountId().equals(accountId)) {
            return Uni.createFrom().item(Optional.empty());
        }
        YearMonth current = BillingCalendar.monthOf(clock.instant());
        return invoices.finalizedWithLines(pool, invoiceId).chain(done -> {
            if (done.isPresent()) {
                return Uni.createFrom().item(done);
            }
            return reads.firstOpenMonth(pool, accountId).chain(firstOpen -> {
                if (firstOpen == null || ref.month().isBefore(firstOpen) || ref.month().isAfter(current)) {
                    return Uni.createFrom().item(Optional.<Invoice>empty());
                }
                return draft(pool, accountId, ref.month()).map(Optional::of);
            });
        });
    }

    /** Finalizes every month that ended more than the grace period ago; returns how many invoices were issued. */
    public Uni<Integer> finalizeDue() {
        var now = clock.instant();
        YearMonth current = BillingCalendar.monthOf(now);
        return invoices.accountsWithOpenMonthBefore(pool, current)
                .chain(accounts -> Multi.createFrom().iterable(accounts)
                        .onItem().transformToUniAndConcatenate(account -> finalizeAccount(account, now)
                                .onFailure().recoverWithItem(e -> {
                                    LOG.warnf("finalizing invoices of account %s failed (retried at the next "
                                            + "close): %s", account, e.toString());
                                    return 0;
                                }))
                        .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue)));
    }

    private Uni<Integer> finalizeAccount(String accountId, java.time.Instant now) {
        return pool.withTransaction(conn -> invoices.lockFirstOpenMonth(conn, accountId).chain(firstOpen -> {
            List<YearMonth> months = BillingCalendar.closable(firstOpen, now, config.invoices().finalizeAfter());
            if (months.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return Multi.createFrom().iterable(months)
                    .onItem().transformToUniAndConcatenate(m -> draft(conn, accountId, m)
                            .chain(d -> invoices.insertFinalized(conn, d, now, config.invoices().numberPrefix())))
                    .collect().asList()
                    .chain(issued -> invoices.setFirstOpenMonth(conn, accountId,
                            months.get(months.size() - 1).plusMonths(1)).replaceWith(issued.size()));
        }));
    }
}
