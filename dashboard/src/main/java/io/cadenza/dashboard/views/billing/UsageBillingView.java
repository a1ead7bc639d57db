package io.cadenza.dashboard.views.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.cadenza.dashboard.backend.BillingClient;
import io.cadenza.dashboard.backend.UsageSeries;
import io.cadenza.dashboard.security.CurrentUser;
import io.cadenza.dashboard.security.UserToken;
import io.cadenza.dashboard.views.Background;
import io.cadenza.dashboard.views.MainLayout;
import io.cadenza.dashboard.views.Notify;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Usage & billing (owners, admins, finance admins; the billing service enforces it): actions per day stacked by
 * namespace over the last 30 days, storage per namespace, the month-to-date estimate, the plan and the invoices.
 */
@Route(value = "billing", layout = MainLayout.class)
@PageTitle("Usage & billing · Cadenza")
public class UsageBillingView extends VerticalLayout {

    /** One row of the invoice list. */
    public record InvoiceRow(String id, String month, String number, String status, String total) {
    }

    /** Storage of one namespace over the chart's range. */
    public record StorageRow(String namespace, BigDecimal activeGbHours, BigDecimal retainedGbHours) {
    }

    private final BillingClient billing;
    private final CurrentUser currentUser;
    private final ProgressBar progress = Background.progressBar();
    private final Div chart = new Div();
    private final Span estimate = new Span();
    private final Span plan = new Span();
    private final Select<String> planChoice = new Select<>();
    private final Grid<StorageRow> storage = new Grid<>();
    private final Grid<InvoiceRow> invoices = new Grid<>();

    @Inject
    public UsageBillingView(BillingClient billing, CurrentUser currentUser) {
        this.billing = billing;
        this.currentUser = currentUser;
        chart.setId("usage-chart");
        estimate.setId("month-estimate");
        plan.setId("current-plan");

        storage.setId("storage");
        storage.addThemeVariants(GridVariant.LUMO_COMPACT);
        storage.addColumn(StorageRow::namespace).setHeader("Namespace").setAutoWidth(true);
        storage.addColumn(r -> r.activeGbHours().toPlainString()).setHeader("Active storage (GB-hours)");
        storage.addColumn(r -> r.retainedGbHours().toPlainString()).setHeader("Retained storage (GB-hours)");
        storage.setAllRowsVisible(true);

        invoices.setId("invoices");
        invoices.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        invoices.addColumn(InvoiceRow::month).setHeader("Month").setAutoWidth(true);
        invoices.addColumn(InvoiceRow::status).setHeader("Status").setAutoWidth(true);
        invoices.addColumn(InvoiceRow::number).setHeader("Number").setAutoWidth(true);
        invoices.addColumn(r -> "$" + r.total()).setHeader("Total (USD)").setAutoWidth(true);
        invoices.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(InvoiceView.class,
                new com.vaadin.flow.router.RouteParameters("invoiceId", e.getItem().id()))));
        invoices.setAllRowsVisible(true);

        planChoice.setId("plan-choice");
        planChoice.setLabel("Plan");
        Button changePlan = new Button("Change plan", e -> changePlan());
        changePlan.setId("change-plan");

        add(new H2("Usage & billing"), progress,
                new HorizontalLayout(new Span("Month-to-date estimate:"), estimate),
                new HorizontalLayout(new Span("Plan:"), plan),
                new HorizontalLayout(planChoice, changePlan),
                new H3("Actions per day (last 30 days, UTC)"), chart,
                new H3("Storage (last 30 days)"), storage,
                new H3("Invoices"), new Span("Click an invoice to see its lines."), invoices);
        refresh();
    }

    private void refresh() {
        UserToken user = currentUser.get();
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        Instant start = end.minus(30, ChronoUnit.DAYS);
        Background.run(progress, () -> UsageSeries.from(billing.dailyUsageByNamespace(user, start, end)), series -> {
            chart.removeAll();
            chart.add(new Html("<div>" + StackedBarSvg.render(series) + "</div>"));
            Map<String, StorageRow> rows = new TreeMap<>();
            series.activeGbHours().forEach((ns, v) -> rows.put(ns, new StorageRow(ns, v, BigDecimal.ZERO)));
            series.retainedGbHours().forEach((ns, v) -> rows.merge(ns, new StorageRow(ns, BigDecimal.ZERO, v),
                    (a, b) -> new StorageRow(ns, a.activeGbHours(), b.retainedGbHours())));
            storage.setItems(new ArrayList<>(rows.values()));
        });
        Background.run(progress, () -> billing.invoices(user), list -> {
            List<InvoiceRow> rows = new ArrayList<>();
            for (JsonNode i : list.path("invoices")) {
                rows.add(new InvoiceRow(i.path("id").asText(), i.path("month").asText(),
                        i.path("number").asText(""), i.path("status").asText(), i.path("total").asText()));
            }
            invoices.setItems(rows);
            String thisMonth = Instant.now().toString().substring(0, 7);
            estimate.setText(rows.stream().filter(r -> r.month().equals(thisMonth)).findFirst()
                    .map(r -> "$" + r.total()).orElse("n/a"));
        });
        Background.run(progress, () -> billing.plan(user), this::showPlan);
    }

    private void showPlan(JsonNode body) {
        String current = body.path("plan").asText();
        List<String> ids = new ArrayList<>();
        String label = current;
        for (JsonNode offer : body.path("available")) {
            ids.add(offer.path("id").asText());
            if (offer.path("id").asText().equals(current)) {
                label = offer.path("displayName").asText() + " (greater of $" + offer.path("minimumMonthlyFee")
                        .asText() + " and " + new BigDecimal(offer.path("usageShare").asText()).movePointRight(2)
                        .stripTrailingZeros().toPlainString() + "% of usage; " + offer.path("includedActions")
                        .asLong() + " actions included)";
            }
        }
        plan.setText(label + ", since " + body.path("since").asText());
        planChoice.setItems(ids);
        planChoice.setValue(current);
    }

    private void changePlan() {
        String choice = planChoice.getValue();
        if (choice == null) {
            return;
        }
        UserToken user = currentUser.get();
        Background.run(progress, () -> billing.changePlan(user, choice), body -> {
            showPlan(body);
            Notify.success("Plan changed to " + choice + " from today");
            refresh();
        });
    }
}
