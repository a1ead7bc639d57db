package io.cadenza.billing.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/** An invoice: a live draft of an open month, or a finalized (numbered, immutable) one. */
public record Invoice(String id, String number, String accountId, YearMonth month, Status status,
                      List<InvoiceLine> lines, BigDecimal total, Instant finalizedAt) {

    public enum Status { DRAFT, FINALIZED }

    private static final String PREFIX = "inv-";

    /** Invoice ids name their account and month: {@code inv-<accountId>-<yyyy-mm>}. */
    public static String idOf(String accountId, YearMonth month) {
        return PREFIX + accountId + "-" + month;
    }

    /** The account and month an id names, or null when it is not an invoice id. */
    public static Ref parseId(String id) {
        if (id == null || !id.startsWith(PREFIX) || id.length() < PREFIX.length() + 9) {
            return null;
        }
        String month = id.substring(id.length() - 7);
        String account = id.substring(PREFIX.length(), id.length() - 8);
        if (id.charAt(id.length() - 8) != '-' || account.isEmpty()) {
            return null;
        }
        try {
            return new Ref(account, YearMonth.parse(month));
        } catch (RuntimeException e) {
            return null;
        }
    }

    public record Ref(String accountId, YearMonth month) {
    }
}
