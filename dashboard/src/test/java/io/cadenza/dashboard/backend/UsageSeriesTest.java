package io.cadenza.dashboard.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.dashboard.views.billing.StackedBarSvg;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class UsageSeriesTest {
    private static final String USAGE = """
            {"summaries":[
              {"startTime":"2026-12-01T00:00:00Z","endTime":"2026-12-02T00:00:00Z","incomplete":false,"recordGroups":[
                {"groupBys":[{"key":"namespace","value":"orders.acc"}],"records":[
                  {"type":"ACTIONS","unit":"NUMBER","value":120.0},
                  {"type":"ACTIVE_STORAGE","unit":"BYTE_SECONDS","value":7.2E12}]},
                {"groupBys":[{"key":"namespace","value":"billing.acc"}],"records":[
                  {"type":"ACTIONS","unit":"NUMBER","value":30.0},
                  {"type":"RETAINED_STORAGE","unit":"BYTE_SECONDS","value":3.6E12}]}]},
              {"startTime":"2026-12-02T00:00:00Z","endTime":"2026-12-03T00:00:00Z","incomplete":true,"recordGroups":[
                {"groupBys":[{"key":"namespace","value":"orders.acc"}],"records":[
                  {"type":"ACTIONS","unit":"NUMBER","value":200.0}]}]}]}
            """;

    @Test
    void actionsPerDayByNamespaceAndStorageInGbHours() throws Exception {
        UsageSeries series = UsageSeries.from(new ObjectMapper().readTree(USAGE));
        assertThat(series.days()).containsExactly(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 2));
        assertThat(series.actionsByNamespace().get("orders.acc")).containsExactly(120, 200);
        assertThat(series.actionsByNamespace().get("billing.acc")).containsExactly(30, 0);
        assertThat(series.maxDailyTotal()).isEqualTo(200);
        // 7.2e12 byte-seconds = 2e9 byte-hours = 2 GB-hours
        assertThat(series.activeGbHours().get("orders.acc")).isEqualByComparingTo("2");
        assertThat(series.retainedGbHours().get("billing.acc")).isEqualByComparingTo("1");
    }

    @Test
    void theChartHasOneSegmentPerNamespaceAndDayAndALegend() throws Exception {
        String svg = StackedBarSvg.render(UsageSeries.from(new ObjectMapper().readTree(USAGE)));
        assertThat(svg).startsWith("<svg").endsWith("</svg>");
        assertThat(svg.split("class=\"bar\"", -1)).hasSize(4);
        assertThat(svg).contains("<title>orders.acc 2026-12-02: 200 actions</title>");
        assertThat(svg).contains("class=\"legend\" x=").contains(">billing.acc</text>");
        // the axis goes to 201 (a multiple of 3 above 200): gridlines 67, 134, 201
        assertThat(svg).contains(">67</text>").contains(">201</text>").doesNotContain("no-actions");
    }

    @Test
    void anEmptyPeriodSaysSo() throws Exception {
        String svg = StackedBarSvg.render(UsageSeries.from(new ObjectMapper().readTree(
                "{\"summaries\":[{\"startTime\":\"2026-12-01T00:00:00Z\",\"recordGroups\":[]}]}")));
        assertThat(svg).contains("No actions in this period").contains(">1</text>").contains(">3</text>");
    }
}
