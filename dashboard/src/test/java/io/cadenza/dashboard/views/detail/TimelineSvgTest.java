package io.cadenza.dashboard.views.detail;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dashboard.backend.RunTimeline.Lane;
import io.cadenza.dashboard.backend.RunTimeline.LaneKind;
import io.cadenza.dashboard.backend.RunTimeline.Marker;
import io.cadenza.dashboard.backend.RunTimeline.MarkerKind;
import io.cadenza.dashboard.backend.RunTimeline.Segment;
import io.cadenza.dashboard.backend.RunTimeline.SegmentKind;
import io.cadenza.dashboard.backend.RunTimeline.Timeline;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TimelineSvgTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final Timeline timeline = new Timeline(T0, T0.plusSeconds(10), false, List.of(
            new Lane(LaneKind.ACTIVITY, "Charge <card> (1)", "Completed on attempt 2 (1 failed)", List.of(
                    new Segment(SegmentKind.FAILED_ATTEMPT, T0, T0.plusSeconds(4), false, true, "Attempt 1 failed"),
                    new Segment(SegmentKind.COMPLETED, T0.plusSeconds(4), T0.plusSeconds(5), false, false,
                            "Attempt 2 completed")), 5),
            new Lane(LaneKind.TIMER, "Timer t1 (5.0s)", "Fired", List.of(new Segment(SegmentKind.FIRED,
                    T0.plusSeconds(5), T0.plusSeconds(10), false, false, "fired")), 6)),
            List.of(new Marker(MarkerKind.SIGNAL, T0.plusSeconds(2), "Signal go", 7)));

    @Test
    void segmentsArePlacedOnTheTimeAxis_labelsAreEscaped_andEverythingHasATitle() {
        String svg = TimelineSvg.render(timeline, T0, T0.plusSeconds(10), 1000);

        assertThat(svg).startsWith("<svg").endsWith("</svg>");
        assertThat(svg).contains("Charge &lt;card&gt; (1)").doesNotContain("<card>");
        assertThat(svg).contains("data-kind=\"FAILED_ATTEMPT\"", "data-kind=\"COMPLETED\"", "data-kind=\"FIRED\"",
                "data-kind=\"SIGNAL\"", "data-lane-kind=\"TIMER\"");
        assertThat(svg).contains("<title>Attempt 1 failed — 4.0s</title>");
        // plot from x=388 to x=988 (600 px for 10 s): the timer starts half-way
        assertThat(xOf(svg, "FIRED")).isEqualTo(388 + 300.0);
        assertThat(svg).contains(">+4.0s</text>", ">+10.0s</text>"); // a tick every 2 s
    }

    @Test
    void aZoomedWindowMovesTheSegments() {
        String svg = TimelineSvg.render(timeline, T0.plusSeconds(4), T0.plusSeconds(6), 1000);
        // 650 px for 2 s: the timer at +5 s is in the middle of the window
        assertThat(xOf(svg, "FIRED")).isEqualTo(388 + 300.0);
        assertThat(svg).contains(">+4.0s</text>").doesNotContain(">+2.0s</text>");
    }

    private static double xOf(String svg, String kind) {
        Matcher m = Pattern.compile("class=\"segment\" data-kind=\"" + kind + "\" x=\"([0-9.]+)\"").matcher(svg);
        assertThat(m.find()).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
