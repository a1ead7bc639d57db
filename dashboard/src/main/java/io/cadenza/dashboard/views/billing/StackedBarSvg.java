package io.cadenza.dashboard.views.billing;

import io.cadenza.dashboard.backend.UsageSeries;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Actions per day stacked by namespace as an SVG drawn on the server: no chart library, no frontend build, and the
 * numbers are in the page (each bar segment has a title for hover, the legend names the colours).
 */
public final class StackedBarSvg {
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 260;
    private static final int LEFT = 60;
    private static final int BOTTOM = 30;
    private static final int TOP = 10;

    private StackedBarSvg() {
    }

    public static String render(UsageSeries series) {
        List<LocalDate> days = series.days();
        // a multiple of 3, so the three gridlines carry whole numbers
        long max = (Math.max(3, series.maxDailyTotal()) + 2) / 3 * 3;
        int plotHeight = HEIGHT - BOTTOM - TOP;
        double slot = days.isEmpty() ? 0 : (WIDTH - LEFT - 10) / (double) days.size();
        double bar = Math.max(1, slot * 0.7);
        int legendHeight = 20 * ((series.actionsByNamespace().size() + 2) / 3);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"actions-chart\" role=\"img\" ")
                .append("aria-label=\"Actions per day stacked by namespace\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT + legendHeight).append("\" font-family=\"sans-serif\" ")
                .append("font-size=\"11\">");
        // axis and three gridlines with their values
        for (int i = 0; i <= 3; i++) {
            double y = TOP + plotHeight - plotHeight * i / 3.0;
            svg.append(String.format("<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT,
                    WIDTH - 10, y, y));
            svg.append(String.format("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>", LEFT - 4, y + 4,
                    max * i / 3));
        }
        int colour = 0;
        long[] base = new long[days.size()];
        for (Map.Entry<String, long[]> ns : series.actionsByNamespace().entrySet()) {
            String fill = COLOURS[colour++ % COLOURS.length];
            long[] values = ns.getValue();
            for (int d = 0; d < days.size(); d++) {
                if (values[d] == 0) {
                    continue;
                }
                double y0 = TOP + plotHeight - plotHeight * (double) base[d] / max;
                double h = plotHeight * (double) values[d] / max;
                svg.append(String.format("<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                                + "fill=\"%s\"><title>%s %s: %d actions</title></rect>", LEFT + d * slot
                                + (slot - bar) / 2, y0 - h, bar, Math.max(h, 0.5), fill, esc(ns.getKey()), days.get(d),
                        values[d]));
                base[d] += values[d];
            }
        }
        if (series.maxDailyTotal() == 0) {
            svg.append(String.format("<text id=\"no-actions\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
                    + "font-size=\"14\" fill=\"#666\">No actions in this period</text>", (WIDTH + LEFT) / 2,
                    TOP + plotHeight / 2));
        }
        // a date label every few days so they do not overlap
        int every = Math.max(1, (int) Math.ceil(days.size() / 8.0));
        for (int d = 0; d < days.size(); d += every) {
            svg.append(String.format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", LEFT + d * slot
                    + slot / 2, HEIGHT - 10, days.get(d).toString().substring(5)));
        }
        colour = 0;
        int i = 0;
        for (String ns : series.actionsByNamespace().keySet()) {
            int x = LEFT + (i % 3) * 230;
            int y = HEIGHT + 14 + (i / 3) * 20;
            svg.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, y - 10,
                    COLOURS[colour++ % COLOURS.length]));
            svg.append(String.format("<text class=\"legend\" x=\"%d\" y=\"%d\">%s</text>", x + 16, y, esc(ns)));
            i++;
        }
        return svg.append("</svg>").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
