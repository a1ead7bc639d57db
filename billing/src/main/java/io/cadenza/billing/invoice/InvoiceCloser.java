package io.cadenza.billing.invoice;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Finalizes the invoices of months that ended (plus the grace period), on a timer. */
@ApplicationScoped
public class InvoiceCloser {
    private static final Logger LOG = Logger.getLogger(InvoiceCloser.class);

    @Inject
    InvoiceService invoices;

    @Scheduled(every = "${cadenza.billing.invoices.close-every:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> close() {
        return invoices.finalizeDue().invoke(n -> {
            if (n > 0) {
                LOG.infof("finalized %d invoices", n);
            }
        }).onFailure().invoke(e -> LOG.warnf("invoice finalization failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
