package io.cadenza.billing.invoice;

import io.cadenza.billing.pricing.BillingCalendar;
import io.cadenza.billing.pricing.Invoice;
import io.cadenza.billing.pricing.InvoiceLine;
import java.time.format.TextStyle;
import java.util.Locale;

/** The printable invoice page: self-contained HTML with print styles, every value escaped. */
public final class InvoiceHtml {
    private InvoiceHtml() {
    }

    public static String render(Invoice invoice) {
        String month = invoice.month().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                + invoice.month().getYear();
        boolean draft = invoice.status() == Invoice.Status.DRAFT;
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Cadenza invoice ").append(esc(invoice.number() == null ? invoice.id()
                        : invoice.number())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#222}")
                .append("table{border-collapse:collapse;width:100%}th,td{padding:.4rem .6rem;border-bottom:1px solid #ddd;")
                .append("text-align:left}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}")
                .append("tfoot td{font-weight:bold;border-top:2px solid #222}.draft{color:#a60;font-weight:bold}")
                .append("@media print{body{margin:0}.noprint{display:none}}</style></head><body>\n")
                .append("<h1>Cadenza invoice</h1>\n<p>")
                .append(draft ? "<span class=\"draft\">DRAFT: the month is still open; amounts change until it "
                        + "is finalized.</span>" : "Invoice number <strong>" + esc(invoice.number()) + "</strong>")
                .append("</p>\n<p>Account <strong>").append(esc(invoice.accountId())).append("</strong><br>")
                .append("Billing period ").append(esc(month)).append(" (").append(BillingCalendar.start(
                        invoice.month())).append(" to ").append(BillingCalendar.end(invoice.month()))
                .append(", UTC)<br>Invoice id ").append(esc(invoice.id()));
        if (invoice.finalizedAt() != null) {
            html.append("<br>Finalized ").append(invoice.finalizedAt());
        }
        html.append("</p>\n<table><thead><tr><th>Item</th><th class=\"num\">Quantity</th><th>Unit</th>")
                .append("<th class=\"num\">Amount (USD)</th></tr></thead><tbody>\n");
        for (InvoiceLine line : invoice.lines()) {
            html.append("<tr><td>").append(esc(line.description())).append("</td><td class=\"num\">")
                    .append(esc(line.quantity().toPlainString())).append("</td><td>").append(esc(line.unit()))
                    .append("</td><td class=\"num\">").append(line.amount().toPlainString()).append("</td></tr>\n");
        }
        html.append("</tbody><tfoot><tr><td colspan=\"3\">Total</td><td class=\"num\">")
                .append(invoice.total().toPlainString()).append("</td></tr></tfoot></table>\n")
                .append("<p class=\"noprint\"><button onclick=\"window.print()\">Print</button></p>\n")
                .append("</body></html>\n");
        return html.toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
