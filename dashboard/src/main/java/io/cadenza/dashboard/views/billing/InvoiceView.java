package io.cadenza.dashboard.views.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.cadenza.dashboard.backend.BillingClient;
import io.cadenza.dashboard.security.CurrentUser;
import io.cadenza.dashboard.security.UserToken;
import io.cadenza.dashboard.views.Background;
import io.cadenza.dashboard.views.MainLayout;
import io.cadenza.dashboard.views.Notify;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** One invoice with its lines; printable with the browser's print (the page hides the navigation when printed). */
@Route(value = "billing/invoices/:invoiceId", layout = MainLayout.class)
@PageTitle("Invoice · Cadenza")
public class InvoiceView extends VerticalLayout implements BeforeEnterObserver {

    /** One line as shown. */
    public record LineRow(String description, String quantity, String unit, String amount) {
    }

    private final BillingClient billing;
    private final CurrentUser currentUser;
    private final ProgressBar progress = Background.progressBar();
    private final VerticalLayout body = new VerticalLayout();

    @Inject
    public InvoiceView(BillingClient billing, CurrentUser currentUser) {
        this.billing = billing;
        this.currentUser = currentUser;
        body.setPadding(false);
        add(new RouterLink("Back to usage & billing", UsageBillingView.class), progress, body);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String id = event.getRouteParameters().get("invoiceId").orElse("");
        UserToken user = currentUser.get();
        Background.run(progress, () -> billing.invoice(user, id), this::show, error -> {
            body.removeAll();
            body.add(new H2("Invoice " + id), new Span(Notify.message(error)));
        });
    }

    private void show(JsonNode invoice) {
        body.removeAll();
        boolean draft = "draft".equals(invoice.path("status").asText());
        H2 title = new H2("Invoice " + invoice.path("month").asText()
                + (draft ? " (draft)" : " " + invoice.path("number").asText()));
        title.setId("invoice-title");
        Paragraph period = new Paragraph("Account " + invoice.path("accountId").asText() + ", period "
                + invoice.path("periodStart").asText() + " to " + invoice.path("periodEnd").asText() + " (UTC)"
                + (draft ? ". The month is still open: amounts change until it is finalized." : ", finalized "
                + invoice.path("finalizedAt").asText() + "."));
        List<LineRow> lines = new ArrayList<>();
        for (JsonNode l : invoice.path("lines")) {
            lines.add(new LineRow(l.path("description").asText(), l.path("quantity").asText(),
                    l.path("unit").asText(), l.path("amount").asText()));
        }
        Grid<LineRow> grid = new Grid<>();
        grid.setId("invoice-lines");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(LineRow::description).setHeader("Item").setFlexGrow(3);
        grid.addColumn(LineRow::quantity).setHeader("Quantity").setAutoWidth(true);
        grid.addColumn(LineRow::unit).setHeader("Unit").setAutoWidth(true);
        grid.addColumn(r -> "$" + r.amount()).setHeader("Amount (USD)").setAutoWidth(true);
        grid.setItems(lines);
        grid.setAllRowsVisible(true);
        Span total = new Span("Total: $" + invoice.path("total").asText());
        total.setId("invoice-total");
        total.getStyle().set("font-weight", "bold");
        Button print = new Button("Print", e -> getUI().ifPresent(ui -> ui.getPage().executeJs("window.print()")));
        body.add(title, period, grid, total, print);
    }
}
